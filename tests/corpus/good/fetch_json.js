fetch('https://api.example.com/status')
  .then((res) => res.json())
  .then((data) => console.log(data.status))
  .catch(console.error);
