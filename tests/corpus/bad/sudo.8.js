// expect: sudo 4:22
const { spawnSync } = require("child_process");

const r = spawnSync("doas", ["-u", "root", "sh", "-c", "id"], { encoding: "utf8" });
console.log(r.stdout);
