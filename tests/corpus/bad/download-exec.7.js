// expect: download-exec 6:3
const axios = require('axios');

async function main(url) {
  const res = await axios.get(url);
  eval(res.data);
}
main(process.argv[2]);
