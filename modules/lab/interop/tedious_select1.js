// Connects to the lab TDS server with tedious, runs a query ("select 1"
// by default) and prints the rows as JSON.
// Usage: node tedious_select1.js PORT ENCRYPT(true|false)
//    or: node tedious_select1.js HOST\INSTANCE ENCRYPT [QUERY]
// (the named instance's port comes from its SQL Server Browser).
// The sa password comes from PCSH_LAB_PASSWORD.
'use strict';
const { Connection, Request } = require('tedious');

const [target, encryptArg, query = 'select 1'] = process.argv.slice(2);
const encrypt = encryptArg !== 'false';
const options = { encrypt, trustServerCertificate: true, connectTimeout: 15000, requestTimeout: 15000 };
let server = '127.0.0.1';
if (target.includes('\\')) {
  [server, options.instanceName] = target.split('\\');
} else {
  options.port = Number(target);
}
const conn = new Connection({
  server,
  authentication: { type: 'default', options: { userName: 'sa', password: process.env.PCSH_LAB_PASSWORD } },
  options,
});

function fail(err) {
  console.error(err);
  process.exit(1);
}

conn.on('connect', (err) => {
  if (err) fail(err);
  const rows = [];
  const req = new Request(query, (err) => {
    if (err) fail(err);
    console.log(JSON.stringify({ rows }));
    conn.close();
  });
  req.on('row', (cols) => rows.push(cols.map((c) => c.value)));
  conn.execSql(req);
});
conn.connect();
