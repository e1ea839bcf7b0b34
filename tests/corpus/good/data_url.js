function decodeDataUrl(url) {
  const [, b64] = url.split(',');
  return atob(b64);
}
const text = decodeDataUrl('data:text/plain;base64,aGVsbG8=');
document.getElementById('out').textContent = text;
