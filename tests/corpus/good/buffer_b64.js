const token = process.env.TOKEN || '';
const payload = Buffer.from(token.split('.')[1] || '', 'base64').toString('utf8');
const claims = JSON.parse(payload || '{}');
console.log('user', claims.sub);
const raw = Buffer.from('aGVsbG8=', 'base64');
console.log(raw.toString('hex'));
