// An Avro client of the screening service, written from the README alone: encode an order with
// schemas/OrderEvent.avsc, frame it (C3 01 + the fingerprint bytes the README lists), produce it to
// orders.v1, then read logistics.releases.v1 and logistics.holds.v1 read_committed until the
// decision for that order arrives, and print it as JSON.
// usage: node avro-order.js <bootstrap> <topic prefix> <orderId> <OrderEvent fingerprint hex>
'use strict';
const fs = require('fs');
const path = require('path');
const avro = require('avsc');
const { Kafka, CompressionTypes, CompressionCodecs, logLevel } = require('kafkajs');
const SnappyCodec = require('kafkajs-snappy');

// decisions are snappy-compressed (README, Clients in other languages)
CompressionCodecs[CompressionTypes.Snappy] = SnappyCodec;

const [bootstrap, prefix, orderId, fingerprintHex] = process.argv.slice(2);
const schemas = path.join(__dirname, '..', '..', 'schemas');
const orderType = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(schemas, 'OrderEvent.avsc'), 'utf8')));
const decisionType = avro.Type.forSchema(JSON.parse(fs.readFileSync(path.join(schemas, 'ScreeningDecision.avsc'), 'utf8')));

const exportDate = new Date(Date.now() + 2 * 86400000).toISOString().slice(0, 10);
const order = {
  orderId, orderVersion: 1, exportDate,
  exporter: { id: 'EXP-NODE', name: 'Node Exporter Co., Ltd.', country: 'CN', type: null, role: null },
  consignee: { id: null, name: 'Berlin Textil GmbH', country: 'DE', type: null, role: null },
  endUser: { id: null, name: 'Berlin Textil GmbH', country: 'DE', type: 'COMMERCIAL', role: null },
  endUse: { category: 'CIVIL', description: 'retail' },
  intermediaries: [],
  shipFrom: 'CN', shipTo: 'DE', finalDestination: 'DE',
  lines: [{ lineNo: 1, sku: 'TS-1', description: 'cotton T-shirts', commodityCode: '6109100000', controlNumber: null,
            originCountry: 'CN', quantity: '500', unit: 'PCS', composition: [], prcContentPercent: null }],
  licenseNumbers: [],
};
const value = Buffer.concat([Buffer.from([0xC3, 0x01]), Buffer.from(fingerprintHex, 'hex'), orderType.toBuffer(order)]);

async function main() {
  const kafka = new Kafka({ clientId: 'interop-node', brokers: [bootstrap], logLevel: logLevel.ERROR });
  const consumer = kafka.consumer({ groupId: 'interop-node-' + orderId, readUncommitted: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [prefix + 'logistics.releases.v1', prefix + 'logistics.holds.v1'], fromBeginning: true });
  const decided = new Promise((resolve) => {
    consumer.run({
      eachMessage: async ({ message }) => {
        if (message.key && message.key.toString() === orderId) {
          const headers = Object.fromEntries(Object.entries(message.headers || {}).map(([k, v]) => [k, v.toString()]));
          const decision = decisionType.fromBuffer(message.value.subarray(10));
          resolve({ orderId: decision.orderId, status: decision.status, schema: headers['avro-schema'],
                    reasons: decision.reasons.map((r) => r.code) });
        }
      },
    });
  });
  const producer = kafka.producer();
  await producer.connect();
  await producer.send({ topic: prefix + 'orders.v1', messages: [{ key: orderId, value }] });
  await producer.disconnect();
  const timeout = new Promise((_, reject) => setTimeout(() => reject(new Error('no decision in 60 s')), 60000));
  const decision = await Promise.race([decided, timeout]);
  console.log(JSON.stringify(decision));
  await consumer.disconnect();
}

main().then(() => process.exit(0), (e) => { console.error(e); process.exit(1); });
