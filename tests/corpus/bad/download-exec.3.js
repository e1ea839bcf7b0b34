// expect: download-exec 3:3
async function main(url) {
  eval(await (await fetch(url)).text());
}
main(process.argv[2]);
