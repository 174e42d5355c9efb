// Development-only reader of scalar events from TensorBoard event files, for the mock server.
// Decodes TFRecord framing (without CRC checks) and just enough of the Event protobuf:
// Event{1: wall_time, 2: step, 5: summary{1: value{1: tag, 2: simple_value, 8: tensor}}},
// TensorProto{4: tensor_content, 5: float_val, 6: double_val, 1: dtype}.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

function* fields(buf, start = 0, end = buf.length) {
  let pos = start;
  const varint = () => {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = buf[pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
      shift += 7n;
    }
  };
  while (pos < end) {
    const key = Number(varint());
    const field = key >> 3;
    const wire = key & 7;
    if (wire === 0) yield { field, wire, value: varint() };
    else if (wire === 1) { yield { field, wire, value: buf.readDoubleLE(pos) }; pos += 8; }
    else if (wire === 5) { yield { field, wire, value: buf.readFloatLE(pos) }; pos += 4; }
    else if (wire === 2) {
      const len = Number(varint());
      yield { field, wire, start: pos, end: pos + len };
      pos += len;
    } else throw new Error(`unsupported wire type ${wire}`);
  }
}

function tensorValue(buf, start, end) {
  let dtype = 1;
  for (const f of fields(buf, start, end)) {
    if (f.field === 1) dtype = Number(f.value);
    else if (f.field === 4) return dtype === 2 ? buf.readDoubleLE(f.start) : buf.readFloatLE(f.start);
    else if (f.field === 5) return f.wire === 5 ? f.value : buf.readFloatLE(f.start);
    else if (f.field === 6) return f.wire === 1 ? f.value : buf.readDoubleLE(f.start);
  }
  return NaN;
}

/** Calls onScalar(tag, step, wallTime, value) for every scalar in the event file at `path`. */
export function readScalars(path, onScalar) {
  const buf = readFileSync(path);
  let pos = 0;
  while (pos + 12 <= buf.length) {
    const length = Number(buf.readBigUInt64LE(pos));
    if (pos + 12 + length + 4 > buf.length) break;
    const start = pos + 12;
    const end = start + length;
    pos = end + 4;
    let wall = 0;
    let step = 0;
    let summary = null;
    for (const f of fields(buf, start, end)) {
      if (f.field === 1) wall = f.value;
      else if (f.field === 2) step = Number(BigInt.asIntN(64, f.value));
      else if (f.field === 5) summary = f;
    }
    if (!summary) continue;
    for (const v of fields(buf, summary.start, summary.end)) {
      if (v.field !== 1) continue;
      let tag = '';
      let value = null;
      for (const f of fields(buf, v.start, v.end)) {
        if (f.field === 1) tag = buf.toString('utf8', f.start, f.end);
        else if (f.field === 2) value = f.value;
        else if (f.field === 8) value = tensorValue(buf, f.start, f.end);
      }
      if (value !== null) onScalar(tag, step, wall, value);
    }
  }
}

/** Every run under `logdir` (directories directly holding a *tfevents* file) → its files, sorted. */
export function discoverRuns(logdir) {
  const runs = new Map();
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.includes('tfevents')) {
        const run = relative(logdir, dir) || '.';
        if (!runs.has(run)) runs.set(run, []);
        runs.get(run).push(path);
      }
    }
  };
  walk(logdir);
  return runs;
}
