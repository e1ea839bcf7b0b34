const keys = Object.keys(process.env).filter((k) => k.startsWith('APP_'));
for (const k of keys) console.log(`${k}=${process.env[k]}`);
console.log('home:', process.env.HOME);
