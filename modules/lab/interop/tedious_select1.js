// Connects to the lab TDS server with tedious, runs "select 1" and prints
// the rows as JSON. Usage: node tedious_select1.js PORT ENCRYPT(true|false),
// the sa password in PCSH_LAB_PASSWORD.
'use strict';
const { Connection, Request } = require('tedious');

const port = Number(process.argv[2]);
const encrypt = process.argv[3] !== 'false';
const conn = new Connection({
  server: '127.0.0.1',
  authentication: { type: 'default', options: { userName: 'sa', password: process.env.PCSH_LAB_PASSWORD } },
  options: { port, encrypt, trustServerCertificate: true, connectTimeout: 15000, requestTimeout: 15000 },
});

function fail(err) {
  console.error(err);
  process.exit(1);
}

conn.on('connect', (err) => {
  if (err) fail(err);
  const rows = [];
  const req = new Request('select 1', (err) => {
    if (err) fail(err);
    console.log(JSON.stringify({ rows }));
    conn.close();
  });
  req.on('row', (cols) => rows.push(cols.map((c) => c.value)));
  conn.execSql(req);
});
conn.connect();
