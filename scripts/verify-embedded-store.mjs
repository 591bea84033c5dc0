// Verification of CongoDB (@push.rocks/smartmongo@2.2.0, patched) with mongoose 8.
// Run: node verify.mjs            (quiet deep import of the congodb module)
//      CONGO_IMPORT=main node verify.mjs   (import the package main: prints 2 "__# debug:" lines)
// Exit code 0 = every "core" check passed. "info" checks only report behaviour.
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import mongoose from 'mongoose';

const congodb =
  process.env.CONGO_IMPORT === 'main'
    ? (await import('@push.rocks/smartmongo')).congodb
    : await import('@push.rocks/smartmongo/dist_ts/congodb/index.js');

const { Schema } = mongoose;
const results = [];
const perf = [];

async function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function assert(cond, msg) {
  if (!cond) throw new Error(msg);
}

async function expectDup(p, label = '') {
  try {
    await p;
  } catch (e) {
    assert(e.code === 11000, `${label} expected code 11000, got ${e.name} code=${e.code}: ${e.message}`);
    return e;
  }
  throw new Error(`${label} expected duplicate-key error, but the write succeeded`);
}

async function check(kind, name, fn) {
  try {
    const detail = await fn();
    results.push({ kind, name, ok: true, detail: detail ?? '' });
  } catch (e) {
    results.push({ kind, name, ok: false, detail: String(e?.message ?? e).slice(0, 300) });
  }
}

const port = await freePort();
const server = new congodb.CongoServer({ port, host: '127.0.0.1', storage: 'memory' });
await server.start();
const base = `mongodb://127.0.0.1:${port}`;

const conn = await mongoose
  .createConnection(`${base}/verify`, { serverSelectionTimeoutMS: 5000 })
  .asPromise();

// ---------------------------------------------------------------- models
const Member = conn.model('Member', new Schema({ _id: String, name: String, at: Date, tags: [String] }));
const Plain = conn.model('Plain', new Schema({ name: String }));
const Num = conn.model('Num', new Schema({ _id: Number, name: String }));

const userSchema = new Schema({
  _id: String,
  email: { type: String, unique: true },
  org: String,
  handle: String,
  n: Number,
});
userSchema.index({ org: 1, handle: 1 }, { unique: true });
const User = conn.model('User', userSchema);

const partialSchema = new Schema({ code: String, active: Boolean });
partialSchema.index({ code: 1 }, { unique: true, partialFilterExpression: { active: true } });
const Partial = conn.model('Partial', partialSchema);

const Sparse = conn.model('Sparse', new Schema({ tag: { type: String, unique: true, sparse: true } }));
const Account = conn.model('Account', new Schema({ _id: String, balance: Number }));
const Counter = conn.model('Counter', new Schema({ _id: String, n: Number, createdAt: Date }));
const Order = conn.model('Order', new Schema({ cust: String, amt: Number, status: String }));
const Item = conn.model(
  'Item',
  new Schema({ _id: String, i: Number, v: Number, tags: [String], hi: Number, lo: Number }),
);
const Misc = conn.model(
  'Misc',
  new Schema({ name: String, a: Number, b: Number, opt: String, items: [{ k: String, q: Number }] }),
);

// ---------------------------------------------------------------- indexes / autoIndex
await check(
  'core',
  'Model.init() (autoCreate + autoIndex → createIndexes) resolves without error',
  async () => {
    await Promise.all([User.init(), Partial.init(), Sparse.init(), Member.init()]);
    const idx = await User.listIndexes();
    const names = idx.map((i) => i.name).sort();
    assert(names.includes('email_1') && names.includes('org_1_handle_1'), 'indexes missing: ' + names);
    return 'listIndexes(users): ' + names.join(', ');
  },
);

// ---------------------------------------------------------------- _id handling
await check('core', 'string _id round-trips unchanged (create/findById/lean)', async () => {
  await Member.create({ _id: 'demo:member:1', name: 'one' });
  await Member.create([
    { _id: 'demo:member:2', name: 'two' },
    { _id: 'demo:member:3', name: 'three' },
  ]);
  const d = await Member.findById('demo:member:1').lean();
  assert(d && d._id === 'demo:member:1' && typeof d._id === 'string', 'got ' + JSON.stringify(d));
  const raw = await conn.db.collection('members').findOne({ _id: 'demo:member:2' });
  assert(raw && raw._id === 'demo:member:2', 'raw driver: ' + JSON.stringify(raw));
  return `_id=${JSON.stringify(d._id)}`;
});

await check('core', 'ObjectId _id still works', async () => {
  const p = await Plain.create({ name: 'oid' });
  assert(p._id instanceof mongoose.Types.ObjectId, 'not ObjectId');
  const back = await Plain.findById(p._id).lean();
  assert(back && back._id.equals(p._id), 'not found by ObjectId');
  const hexQuery = await conn.db.collection('plains').findOne({ _id: p._id.toHexString() });
  assert(hexQuery === null, 'a string query matched an ObjectId _id (type confusion)');
  return String(back._id);
});

await check('core', 'numeric _id (incl. 0) round-trips', async () => {
  await Num.create({ _id: 0, name: 'zero' });
  await Num.create({ _id: 42, name: 'answer' });
  const z = await Num.findById(0).lean();
  const a = await Num.findById(42).lean();
  assert(z && z._id === 0 && a && a._id === 42, JSON.stringify({ z, a }));
  const s = await conn.db.collection('nums').findOne({ _id: '42' });
  assert(s === null, 'string "42" matched number 42');
  return 'ok';
});

await check('core', 'duplicate _id insert → MongoServerError 11000 (string, ObjectId, number)', async () => {
  const e = await expectDup(Member.create({ _id: 'demo:member:1', name: 'again' }), 'string');
  const p = await Plain.create({ name: 'x' });
  await expectDup(Plain.create({ _id: p._id, name: 'y' }), 'ObjectId');
  await expectDup(Num.create({ _id: 42 }), 'number');
  await expectDup(Member.insertMany([{ _id: 'demo:member:9' }, { _id: 'demo:member:9' }]), 'insertMany');
  assert(
    (await Member.countDocuments({ _id: 'demo:member:9' })) === 1,
    'insertMany ordered: first doc missing',
  );
  const one = await Member.findById('demo:member:1').lean();
  assert(one.name === 'one', 'original overwritten');
  return `${e.name} code=${e.code} keyPattern=${JSON.stringify(e.keyPattern)}`;
});

// ---------------------------------------------------------------- unique secondary indexes
await check('core', 'unique index: insertOne duplicate → 11000 (single + compound)', async () => {
  await User.create({ _id: 'u1', email: 'a@x', org: 'o1', handle: 'h1' });
  const e = await expectDup(User.create({ _id: 'u2', email: 'a@x', org: 'o9', handle: 'h9' }), 'email');
  await expectDup(User.create({ _id: 'u3', email: 'b@x', org: 'o1', handle: 'h1' }), 'compound');
  await User.create({ _id: 'u4', email: 'c@x', org: 'o2', handle: 'h1' });
  assert((await User.countDocuments()) === 2, 'count ' + (await User.countDocuments()));
  return `${e.name}: ${e.message.slice(0, 90)} keyValue=${JSON.stringify(e.keyValue)}`;
});

await check('core', 'unique index: insertMany ordered/unordered → 11000, right docs kept', async () => {
  await expectDup(
    User.insertMany([
      { _id: 'u5', email: 'd@x', org: 'o5', handle: 'h' },
      { _id: 'u6', email: 'd@x', org: 'o6', handle: 'h' },
    ]),
    'ordered',
  );
  assert(await User.exists({ _id: 'u5' }), 'u5 missing');
  assert(!(await User.exists({ _id: 'u6' })), 'u6 present');
  await expectDup(
    User.insertMany(
      [
        { _id: 'u7', email: 'e@x', org: 'o7', handle: 'h' },
        { _id: 'u8', email: 'a@x', org: 'o8', handle: 'h' },
        { _id: 'u9', email: 'f@x', org: 'o9', handle: 'h' },
      ],
      { ordered: false },
    ),
    'unordered',
  );
  assert((await User.exists({ _id: 'u7' })) && (await User.exists({ _id: 'u9' })), 'u7/u9 missing');
  assert(!(await User.exists({ _id: 'u8' })), 'u8 present');
  return 'ok';
});

await check(
  'core',
  'unique index: updateOne changing a field into a duplicate → 11000, doc unchanged',
  async () => {
    await expectDup(User.updateOne({ _id: 'u4' }, { $set: { email: 'a@x' } }), 'single');
    await expectDup(User.updateOne({ _id: 'u4' }, { $set: { org: 'o1' } }), 'compound');
    const u4 = await User.findById('u4').lean();
    assert(u4.email === 'c@x' && u4.org === 'o2', JSON.stringify(u4));
    const r = await User.updateOne({ _id: 'u1' }, { $set: { email: 'a@x', n: 5 } }); // same value on own doc
    assert(r.modifiedCount === 1, 'self-update failed ' + JSON.stringify(r));
    await expectDup(
      User.updateMany({ _id: { $in: ['u5', 'u7'] } }, { $set: { email: 'same@x' } }),
      'updateMany',
    );
    return 'ok';
  },
);

await check(
  'core',
  'unique index: updateOne/findOneAndUpdate/bulkWrite upsert → 11000, nothing inserted',
  async () => {
    await expectDup(
      User.updateOne({ _id: 'uX' }, { $set: { email: 'a@x', org: 'oX', handle: 'hX' } }, { upsert: true }),
      'updateOne upsert',
    );
    await expectDup(
      User.findOneAndUpdate({ _id: 'uY' }, { $set: { email: 'a@x' } }, { upsert: true, new: true }),
      'fOAU upsert',
    );
    await expectDup(
      User.findOneAndUpdate(
        { email: 'zz@x' },
        { $setOnInsert: { _id: 'uZ', org: 'o1', handle: 'h1' } },
        { upsert: true, new: true },
      ),
      'fOAU upsert compound',
    );
    await expectDup(
      User.bulkWrite([
        { updateOne: { filter: { _id: 'uB' }, update: { $set: { email: 'a@x' } }, upsert: true } },
      ]),
      'bulkWrite upsert',
    );
    await expectDup(
      User.findOneAndUpdate({ _id: 'u4' }, { $set: { email: 'a@x' } }, { new: true }),
      'fOAU update',
    );
    for (const id of ['uX', 'uY', 'uZ', 'uB'])
      assert(!(await User.exists({ _id: id })), id + ' was inserted');
    const hit = await User.findOneAndUpdate(
      { email: 'a@x' },
      { $set: { n: 1 } },
      { upsert: true, new: true },
    ).lean();
    assert(hit._id === 'u1', 'upsert on existing key should match u1');
    return 'ok';
  },
);

await check('core', 'unique index: keys freed on delete / on change', async () => {
  await User.deleteOne({ _id: 'u1' });
  await User.create({ _id: 'u10', email: 'a@x', org: 'o1', handle: 'h1' });
  await User.updateOne({ _id: 'u4' }, { $set: { email: 'c2@x' } });
  await User.create({ _id: 'u11', email: 'c@x', org: 'o11', handle: 'h' });
  await expectDup(User.create({ _id: 'u12', email: 'c2@x', org: 'o12', handle: 'h' }), 'new key');
  return 'ok';
});

await check('core', 'unique index still enforced after dropDatabase + syncIndexes', async () => {
  await conn.dropDatabase();
  await User.syncIndexes();
  await Promise.all([Partial.syncIndexes(), Sparse.syncIndexes()]);
  await User.create({ _id: 'u1', email: 'a@x', org: 'o1', handle: 'h1' });
  await expectDup(User.create({ _id: 'u2', email: 'a@x', org: 'o2', handle: 'h2' }), 'after drop');
  return 'ok';
});

await check(
  'info',
  'unique non-sparse index: two docs missing the field (MongoDB rejects: dup key null)',
  async () => {
    await User.create({ _id: 'nm1', org: 'n1', handle: 'n' });
    try {
      await User.create({ _id: 'nm2', org: 'n2', handle: 'n' });
      return 'ACCEPTED (differs from MongoDB)';
    } catch (e) {
      return `rejected code=${e.code} (same as MongoDB)`;
    }
  },
);

await check('info', 'partial unique index {code:1} where {active:true}', async () => {
  const idx = await Partial.listIndexes();
  const pi = idx.find((i) => i.name === 'code_1');
  const out = [`listIndexes partialFilterExpression=${JSON.stringify(pi?.partialFilterExpression)}`];
  for (const [label, doc] of [
    ['inactive#1', { code: 'x', active: false }],
    ['inactive#2 (Mongo: allowed)', { code: 'x', active: false }],
    ['active#1 (Mongo: allowed)', { code: 'x', active: true }],
    ['active#2 (Mongo: 11000)', { code: 'x', active: true }],
  ]) {
    try {
      await Partial.create(doc);
      out.push(`${label}: inserted`);
    } catch (e) {
      out.push(`${label}: code ${e.code}`);
    }
  }
  return out.join('; ');
});

await check('info', 'sparse unique index {tag:1}', async () => {
  const out = [];
  for (const [label, doc] of [
    ['no tag #1', {}],
    ['no tag #2 (Mongo: allowed)', {}],
    ['tag t #1', { tag: 't' }],
    ['tag t #2 (Mongo: 11000)', { tag: 't' }],
  ]) {
    try {
      await Sparse.create(doc);
      out.push(`${label}: inserted`);
    } catch (e) {
      out.push(`${label}: code ${e.code}`);
    }
  }
  return out.join('; ');
});

// ---------------------------------------------------------------- CRUD semantics
await check(
  'core',
  'conditional $inc race: 200 parallel findOneAndUpdate, exactly N=50 succeed',
  async () => {
    await Account.create({ _id: 'acc', balance: 50 });
    const rs = await Promise.all(
      Array.from({ length: 200 }, () =>
        Account.findOneAndUpdate(
          { _id: 'acc', balance: { $gte: 1 } },
          { $inc: { balance: -1 } },
          { new: true },
        ).lean(),
      ),
    );
    const ok = rs.filter(Boolean).length;
    const fin = await Account.findById('acc').lean();
    assert(ok === 50 && fin.balance === 0, `succeeded=${ok} final=${fin.balance}`);
    return `succeeded=${ok}, final balance=${fin.balance}`;
  },
);

await check('core', '$setOnInsert + $inc upsert (twice)', async () => {
  const d = new Date('2020-01-01T00:00:00Z');
  await Counter.updateOne(
    { _id: 'c1' },
    { $setOnInsert: { createdAt: d }, $inc: { n: 1 } },
    { upsert: true },
  );
  await Counter.updateOne(
    { _id: 'c1' },
    { $setOnInsert: { createdAt: new Date() }, $inc: { n: 1 } },
    { upsert: true },
  );
  const c = await Counter.findById('c1').lean();
  assert(c.n === 2 && c.createdAt.getTime() === d.getTime(), JSON.stringify(c));
  return JSON.stringify(c);
});

await Order.insertMany([
  { cust: 'a', amt: 10, status: 'paid' },
  { cust: 'a', amt: 5, status: 'paid' },
  { cust: 'b', amt: 7, status: 'paid' },
  { cust: 'b', amt: 1, status: 'void' },
  { cust: 'c', amt: 3, status: 'void' },
]);

await check('core', 'aggregate $match/$group/$sort', async () => {
  const r = await Order.aggregate([
    { $match: { status: 'paid' } },
    { $group: { _id: '$cust', total: { $sum: '$amt' }, c: { $sum: 1 } } },
    { $sort: { _id: 1 } },
  ]);
  assert(
    JSON.stringify(r) ===
      JSON.stringify([
        { _id: 'a', total: 15, c: 2 },
        { _id: 'b', total: 7, c: 1 },
      ]),
    JSON.stringify(r),
  );
  return JSON.stringify(r);
});

await check('core', 'countDocuments / estimatedDocumentCount / distinct / deleteMany', async () => {
  const c = await Order.countDocuments({ status: 'paid' });
  const e = await Order.estimatedDocumentCount();
  const d = (await Order.distinct('cust')).sort();
  const del = await Order.deleteMany({ status: 'void' });
  const after = await Order.countDocuments();
  assert(
    c === 3 && e === 5 && d.join() === 'a,b,c' && del.deletedCount === 2 && after === 3,
    JSON.stringify({ c, e, d, del, after }),
  );
  return JSON.stringify({ countDocuments: c, estimated: e, distinct: d, deleted: del.deletedCount });
});

await check('core', 'bulkWrite with updateOne upserts (string ids)', async () => {
  await Item.create({ _id: 'k0', v: 0 });
  const r = await Item.bulkWrite([
    { updateOne: { filter: { _id: 'k1' }, update: { $set: { v: 1 } }, upsert: true } },
    { updateOne: { filter: { _id: 'k2' }, update: { $set: { v: 2 } }, upsert: true } },
    { updateOne: { filter: { _id: 'k0' }, update: { $set: { v: 10 } }, upsert: true } },
    { insertOne: { document: { _id: 'k3', v: 3 } } },
  ]);
  const ks = await Item.find({ _id: { $in: ['k0', 'k1', 'k2', 'k3'] } })
    .sort({ _id: 1 })
    .lean();
  assert(r.upsertedCount === 2 && r.matchedCount === 1 && r.insertedCount === 1, JSON.stringify(r));
  assert(ks.map((k) => `${k._id}=${k.v}`).join() === 'k0=10,k1=1,k2=2,k3=3', JSON.stringify(ks));
  assert(
    typeof Object.values(r.upsertedIds)[0] === 'string',
    'upsertedIds not strings: ' + JSON.stringify(r.upsertedIds),
  );
  return `upserted=${r.upsertedCount} matched=${r.matchedCount} modified=${r.modifiedCount} upsertedIds=${JSON.stringify(r.upsertedIds)}`;
});

await check('core', 'sort + skip + limit', async () => {
  await Item.insertMany(Array.from({ length: 20 }, (_, i) => ({ _id: `s${i}`, i })));
  const r = await Item.find({ i: { $exists: true } })
    .sort({ i: -1 })
    .skip(5)
    .limit(3)
    .lean();
  assert(r.map((x) => x.i).join() === '14,13,12', r.map((x) => x.i).join());
  return r.map((x) => x.i).join();
});

await check('core', '$in on _id with string ids', async () => {
  const r = await Member.find({ _id: { $in: ['demo:member:1', 'demo:member:3', 'nope'] } }).lean();
  // after dropDatabase the members are gone; recreate
  if (r.length === 0) {
    await Member.insertMany([{ _id: 'demo:member:1' }, { _id: 'demo:member:2' }, { _id: 'demo:member:3' }]);
  }
  const r2 = await Member.find({ _id: { $in: ['demo:member:1', 'demo:member:3', 'nope'] } })
    .sort({ _id: 1 })
    .lean();
  assert(r2.map((x) => x._id).join() === 'demo:member:1,demo:member:3', r2.map((x) => x._id).join());
  return r2.map((x) => x._id).join();
});

await check('core', 'findOneAndUpdate returnDocument after / new:true / default(before)', async () => {
  await Item.create({ _id: 'f1', v: 1 });
  const a = await Item.findOneAndUpdate(
    { _id: 'f1' },
    { $inc: { v: 1 } },
    { returnDocument: 'after' },
  ).lean();
  const b = await Item.findOneAndUpdate({ _id: 'f1' }, { $inc: { v: 1 } }, { new: true }).lean();
  const c = await Item.findOneAndUpdate({ _id: 'f1' }, { $inc: { v: 1 } }).lean();
  assert(a.v === 2 && b.v === 3 && c.v === 3, JSON.stringify({ a, b, c }));
  return `after=${a.v} new=${b.v} default(before)=${c.v}`;
});

await check('core', '$push / $pull / $addToSet / $max / $min', async () => {
  await Item.create({ _id: 'arr', tags: ['a'], hi: 5, lo: 5 });
  await Item.updateOne({ _id: 'arr' }, { $push: { tags: 'b' } });
  await Item.updateOne({ _id: 'arr' }, { $addToSet: { tags: { $each: ['a', 'c'] } } });
  await Item.updateOne({ _id: 'arr' }, { $pull: { tags: 'b' } });
  await Item.updateOne({ _id: 'arr' }, { $max: { hi: 10 }, $min: { lo: 1 } });
  await Item.updateOne({ _id: 'arr' }, { $max: { hi: 3 }, $min: { lo: 4 } });
  const d = await Item.findById('arr').lean();
  assert(d.tags.join() === 'a,c' && d.hi === 10 && d.lo === 1, JSON.stringify(d));
  return JSON.stringify({ tags: d.tags, hi: d.hi, lo: d.lo });
});

await check('core', 'Date round trip + range query', async () => {
  const at = new Date('2024-01-02T03:04:05.678Z');
  await Member.create({ _id: 'dated', at });
  const d = await Member.findById('dated').lean();
  assert(d.at instanceof Date && d.at.getTime() === at.getTime(), JSON.stringify(d));
  const q = await Member.countDocuments({
    at: { $gte: new Date('2024-01-01'), $lt: new Date('2024-01-03') },
  });
  assert(q === 1, 'range ' + q);
  await Member.updateOne({ _id: 'dated' }, { $set: { name: 'x' } });
  const d2 = await Member.findById('dated').lean();
  assert(d2.at instanceof Date && d2.at.getTime() === at.getTime(), 'after update ' + JSON.stringify(d2));
  return d.at.toISOString();
});

await check('info', '$lookup (localField/foreignField) and $graphLookup with string _ids', async () => {
  const people = conn.db.collection('people');
  await people.insertMany([
    { _id: 'p:1', boss: null },
    { _id: 'p:2', boss: 'p:1' },
    { _id: 'p:3', boss: 'p:2' },
  ]);
  const l = await people
    .aggregate([
      { $match: { _id: 'p:3' } },
      { $lookup: { from: 'people', localField: 'boss', foreignField: '_id', as: 'b' } },
    ])
    .toArray();
  const g = await people
    .aggregate([
      { $match: { _id: 'p:3' } },
      {
        $graphLookup: {
          from: 'people',
          startWith: '$boss',
          connectFromField: 'boss',
          connectToField: '_id',
          as: 'chain',
        },
      },
    ])
    .toArray();
  assert(l[0].b[0]._id === 'p:2', JSON.stringify(l));
  assert(
    g[0].chain
      .map((x) => x._id)
      .sort()
      .join() === 'p:1,p:2',
    JSON.stringify(g),
  );
  return 'ok';
});

// ---------------------------------------------------------------- server features
await check('info', 'admin().ping() and db.command({ping:1})', async () => {
  const a = await conn.db.admin().ping();
  const b = await conn.db.command({ ping: 1 });
  assert(a.ok === 1 && b.ok === 1, JSON.stringify({ a, b }));
  return 'ok';
});

await check('info', 'multiple databases on one server (/db_a, /db_b)', async () => {
  const ca = await mongoose.createConnection(`${base}/db_a`).asPromise();
  const cb = await mongoose.createConnection(`${base}/db_b`).asPromise();
  let a, b;
  try {
    const s = new Schema({ _id: String, v: Number });
    const A = ca.model('Thing', s);
    const B = cb.model('Thing', s);
    await A.create({ _id: 't1', v: 1 });
    await B.create({ _id: 't1', v: 2 });
    a = await A.findById('t1').lean();
    b = await B.findById('t1').lean();
  } finally {
    await Promise.all([ca.close(), cb.close()]);
  }
  assert(a.v === 1 && b.v === 2, JSON.stringify({ a, b }));
  return 'isolated';
});

await Misc.insertMany([
  {
    name: 'Abc',
    a: 5,
    b: 3,
    opt: 'y',
    items: [
      { k: 'x', q: 1 },
      { k: 'y', q: 5 },
    ],
  },
  { name: 'abd', a: 1, b: 3, items: [{ k: 'x', q: 3 }] },
  { name: 'zzz', a: 9, b: 1, items: [] },
]);

await check('info', '$expr', async () => {
  const n = await Misc.countDocuments({ $expr: { $gt: ['$a', '$b'] } });
  assert(n === 2, 'n=' + n);
  return 'ok';
});
await check('info', '$elemMatch', async () => {
  const n = await Misc.countDocuments({ items: { $elemMatch: { k: 'x', q: { $gte: 2 } } } });
  assert(n === 1, 'n=' + n);
  return 'ok';
});
await check('info', '$exists', async () => {
  const n = await Misc.countDocuments({ opt: { $exists: true } });
  const m = await Misc.countDocuments({ opt: { $exists: false } });
  assert(n === 1 && m === 2, `${n}/${m}`);
  return 'ok';
});
await check('info', '$regex (literal /^ab/i and {$regex,$options})', async () => {
  const n = await Misc.countDocuments({ name: /^ab/i });
  const m = await Misc.countDocuments({ name: { $regex: '^ab', $options: 'i' } });
  const k = await Misc.countDocuments({ name: /^ab/ });
  assert(n === 2 && m === 2 && k === 1, `${n}/${m}/${k}`);
  return 'ok';
});
await check('info', 'hint()', async () => {
  const r = await Misc.find({ a: { $gt: 0 } })
    .hint({ _id: 1 })
    .lean();
  let bad;
  try {
    await Misc.find({}).hint({ nonexistent: 1 }).lean();
    bad = 'unknown index hint accepted silently (MongoDB errors: code 2 BadValue)';
  } catch (e) {
    bad = 'unknown index hint rejected code ' + e.code;
  }
  return `accepted (${r.length} docs); ${bad}`;
});
await check('info', 'collation {locale:"en", strength:2} (case-insensitive equality)', async () => {
  const n = await Misc.countDocuments({ name: 'ABC' }).collation({ locale: 'en', strength: 2 });
  return n === 1 ? 'honoured (1 match)' : `IGNORED: ${n} matches (MongoDB: 1)`;
});

// ---------------------------------------------------------------- index management details
await check(
  'info',
  'syncIndexes idempotent (diffIndexes empty for unique, compound, partial, sparse)',
  async () => {
    const out = [];
    for (const M of [User, Partial, Sparse]) {
      const d = await M.diffIndexes();
      out.push(`${M.modelName}: drop=${JSON.stringify(d.toDrop)} create=${d.toCreate.length}`);
    }
    return out.join('; ');
  },
);

await check('info', 'createIndex {unique:true} over existing duplicates fails (MongoDB: 11000)', async () => {
  const coll = conn.db.collection('predup');
  await coll.insertMany([{ k: 1 }, { k: 1 }]);
  try {
    await coll.createIndex({ k: 1 }, { unique: true });
    return 'index created despite duplicates';
  } catch (e) {
    return `rejected code=${e.code}`;
  }
});

await check(
  'info',
  'persistPath (memory + JSON snapshot) keeps string/number/ObjectId _ids and Dates across restart',
  async () => {
    const fs = await import('node:fs');
    const os = await import('node:os');
    const path = await import('node:path');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congo-persist-'));
    const file = path.join(dir, 'snap.json');
    const oid = new mongoose.Types.ObjectId();
    const at = new Date('2024-05-06T07:08:09.010Z');
    for (const phase of ['write', 'read']) {
      const p = await freePort();
      const s = new congodb.CongoServer({
        port: p,
        host: '127.0.0.1',
        storage: 'memory',
        persistPath: file,
        persistIntervalMs: 3600000,
      });
      await s.start();
      const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${p}`);
      try {
        const c = client.db('p').collection('c');
        if (phase === 'write') {
          await c.insertMany([{ _id: 'str:1', at }, { _id: 7 }, { _id: oid }]);
          await c.createIndex({ u: 1 }, { unique: true, sparse: true });
          await c.updateOne({ _id: 7 }, { $set: { u: 'x' } });
        } else {
          const docs = await c.find({}).toArray();
          const byType = docs
            .map((d) => (d._id instanceof mongoose.mongo.ObjectId ? 'ObjectId' : typeof d._id))
            .sort()
            .join(',');
          const s1 = await c.findOne({ _id: 'str:1' });
          assert(
            byType === 'ObjectId,number,string' && s1?.at instanceof Date && s1.at.getTime() === at.getTime(),
            byType + ' ' + JSON.stringify(s1),
          );
          let dup = 'unique index lost after restore';
          try {
            await c.insertOne({ _id: 8, u: 'x' });
          } catch (e) {
            dup = 'unique index kept (code ' + e.code + ')';
          }
          return `restored ${docs.length} docs (${byType}), Date kept; ${dup}`;
        }
      } finally {
        await client.close();
        await s.stop();
      }
    }
  },
);

await check('info', 'storage:"file" adapter with string _id (NOT patched)', async () => {
  const fs = await import('node:fs');
  const os = await import('node:os');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'congo-file-'));
  const p = await freePort();
  const s = new congodb.CongoServer({ port: p, host: '127.0.0.1', storage: 'file', storagePath: dir });
  await s.start();
  const client = new mongoose.mongo.MongoClient(`mongodb://127.0.0.1:${p}`);
  try {
    const c = client.db('f').collection('c');
    await c.insertOne({ _id: 'str:1', at: new Date() });
    const d = await c.findOne({ _id: 'str:1' });
    return `insert ok; findOne → ${JSON.stringify(d)}`;
  } catch (e) {
    return `fails: ${e.message}`;
  } finally {
    await client.close();
    await s.stop();
  }
});

// ---------------------------------------------------------------- restart in same process
await check('core', 'second server in same process: indexes created again and enforced', async () => {
  const port2 = await freePort();
  const s2 = new congodb.CongoServer({ port: port2, host: '127.0.0.1', storage: 'memory' });
  await s2.start();
  const c2 = await mongoose.createConnection(`mongodb://127.0.0.1:${port2}/verify`).asPromise();
  let out;
  try {
    const U2 = c2.model('User', userSchema);
    await U2.init();
    const names = (await U2.listIndexes()).map((i) => i.name);
    await U2.create({ _id: 'r1', email: 'a@x', org: 'o', handle: 'h' });
    await expectDup(U2.create({ _id: 'r2', email: 'a@x', org: 'p', handle: 'q' }), 'restart');
    out = 'ok, indexes=' + names.join(',');
  } finally {
    await c2.close();
    await s2.stop();
  }
  return out;
});

// ---------------------------------------------------------------- performance
try {
  const Perf = conn.model(
    'Perf',
    new Schema({ _id: String, email: { type: String, unique: true }, n: Number, grp: Number }),
  );
  await Perf.init();
  async function rate(label, fn, maxMs = 2500, maxOps = 5000) {
    let ops = 0;
    const t0 = performance.now();
    while (ops < maxOps && performance.now() - t0 < maxMs) {
      await fn(ops);
      ops++;
    }
    const dt = performance.now() - t0;
    perf.push([
      label,
      `${Math.round((ops / dt) * 1000)} ops/s (${ops} ops, ${(dt / ops).toFixed(2)} ms each)`,
    ]);
  }
  const raw = conn.db.collection('rawperf');
  const rdocs = Array.from({ length: 10_000 }, (_, i) => ({ n: i, s: 'x' + i }));
  let t0 = performance.now();
  await raw.insertMany(rdocs);
  perf.push([
    'driver insertMany 10,000 docs (ObjectId, no secondary index)',
    `${(performance.now() - t0).toFixed(0)} ms`,
  ]);
  const rids = rdocs.map((d) => d._id);
  await rate('driver findOne by ObjectId _id on 10k', async (i) => {
    const d = await raw.findOne({ _id: rids[(i * 7919) % 10000] });
    if (!d) throw new Error('miss');
  });
  const docs = Array.from({ length: 10_000 }, (_, i) => ({
    _id: `demo:perf:${i}`,
    email: `p${i}@x`,
    n: i,
    grp: i % 100,
  }));
  let t = performance.now();
  await Perf.insertMany(docs, { lean: true });
  perf.push([
    'mongoose insertMany 10,000 docs (string _id, 1 unique index)',
    `${(performance.now() - t).toFixed(0)} ms`,
  ]);

  await rate('findOne by string _id on 10k (mongoose, lean)', async (i) => {
    const id = `demo:perf:${(i * 7919) % 10000}`;
    const d = await Perf.findById(id).lean();
    if (!d || d._id !== id) throw new Error('miss ' + id);
  });
  await rate('findOne by unique-indexed field email on 10k', async (i) => {
    const d = await Perf.findOne({ email: `p${(i * 7919) % 10000}@x` }).lean();
    if (!d) throw new Error('miss');
  });
  await rate('findOne by non-indexed field n on 10k', async (i) => {
    const d = await Perf.findOne({ n: (i * 7919) % 10000 }).lean();
    if (!d) throw new Error('miss');
  });
  await rate('updateOne $inc by string _id on 10k', async (i) => {
    await Perf.updateOne({ _id: `demo:perf:${(i * 7919) % 10000}` }, { $inc: { n: 0 } });
  });
  await rate('find $in 10 string _ids on 10k', async (i) => {
    const ids = Array.from({ length: 10 }, (_, k) => `demo:perf:${(i * 31 + k * 977) % 10000}`);
    const r = await Perf.find({ _id: { $in: ids } }).lean();
    if (r.length !== 10) throw new Error('in ' + r.length);
  });
  await rate(
    'countDocuments({grp}) on 10k',
    async (i) => {
      await Perf.countDocuments({ grp: i % 100 });
    },
    1500,
    500,
  );
} catch (e) {
  perf.push(['performance block aborted', String(e.message).slice(0, 200)]);
}

// ---------------------------------------------------------------- shutdown
const tClose = performance.now();
await conn.close();
const closeMs = performance.now() - tClose;
const tStop = performance.now();
await server.stop();
const stopMs = performance.now() - tStop;

// ---------------------------------------------------------------- report
const pad = (s, n) => String(s).padEnd(n);
console.log('\n| kind | check | result | detail |\n|---|---|---|---|');
for (const r of results)
  console.log(
    `| ${r.kind} | ${r.name} | ${r.ok ? 'PASS' : 'FAIL'} | ${String(r.detail).replace(/\|/g, '\\|')} |`,
  );
console.log('\n| measurement | value |\n|---|---|');
for (const [k, v] of perf) console.log(`| ${k} | ${v} |`);
console.log(`| conn.close() | ${closeMs.toFixed(0)} ms |`);
console.log(`| server.stop() | ${stopMs.toFixed(0)} ms |`);
const failedCore = results.filter((r) => r.kind === 'core' && !r.ok);
const passed = results.filter((r) => r.kind === 'core' && r.ok).length;
console.log(`\ncore: ${passed} passed, ${failedCore.length} failed`);
setImmediate(() => {
  const left = process.getActiveResourcesInfo().filter((x) => x !== 'TTYWrap');
  console.log('active resources after stop:', JSON.stringify(left));
});
process.exitCode = failedCore.length ? 1 : 0;
