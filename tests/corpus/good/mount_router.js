const express = require('express');

const app = express();
const api = express.Router();
api.get('/users', (req, res) => res.json([]));
app.use('/api', api);
function mount(router, prefix) {
  app.use(prefix, router);
}
mount(api, '/v1');
