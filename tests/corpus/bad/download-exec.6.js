// expect: download-exec 5:3
const url = process.env.PLUGIN_URL;

fetch(url).then(r => r.text()).then(code => {
  eval(code);
});
