#!/usr/bin/env node
// Writes the sample month (March 2026, 25 employees): 2026-03.xlsx with all five kinds, extra-leaves.csv, and
// manifest.yaml that ties them together. Deterministic (seeded), so rerunning gives the same records:
//   node samples/make-samples.mjs
// Every record is valid: times inside working hours (overtime after them), end after start, and no two records
// of one employee overlap. A few employees have several records on one day, to show grouping into one request.
import { writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';

const here = (name) => fileURLToPath(new URL(name, import.meta.url));

let seed = 20260301;
const random = () => {
  // mulberry32
  seed = (seed + 0x6d2b79f5) | 0;
  let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
  return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
};
const pick = (list) => list[Math.floor(random() * list.length)];
const int = (lo, hi) => lo + Math.floor(random() * (hi - lo + 1));

const USERS = Array.from({ length: 25 }, (_, i) => `E${String(i + 1).padStart(3, '0')}`);
const WORKDAYS = [2, 3, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 19, 20, 23, 24, 25, 26, 27, 30, 31];
const SATURDAYS = [7, 14, 21, 28];
const LEAVES = {
  annual: { uniq_id: 'AL01', ch: '年假', en: 'Annual leave', reasons: ['家中有事', '回老家探亲', '外出旅行', '陪家人'] },
  sick: { uniq_id: 'SL01', ch: '病假', en: 'Sick leave', reasons: ['感冒发烧', '医院复诊', '牙科就诊'] },
  personal: { uniq_id: 'PL01', ch: '事假', en: 'Personal leave', reasons: ['办理证件', '孩子家长会', '搬家'] },
};
const OUTS = {
  client: { uniq_id: 'OUT1', ch: '客户拜访', en: 'Client visit', reasons: ['拜访客户', '项目现场沟通', '签署合同'] },
  errand: { uniq_id: 'OUT2', ch: '外出办事', en: 'Errand', reasons: ['银行办理业务', '税务局报税', '社保中心'] },
};
const CITIES = ['6863333418483058189', '6863333418483058190', '6863333418483058191', '6863333418483058192'];

// Busy intervals per user and day, in minutes since midnight: nothing generated may overlap them.
const busy = new Map();
const slot = (user, day) => busy.get(`${user}/${day}`) ?? [];
const free = (user, day, from, to) => slot(user, day).every(([a, b]) => to <= a || from >= b);
const reserve = (user, day, from, to) => busy.set(`${user}/${day}`, [...slot(user, day), [from, to]]);
const at = (day, minutes) => new Date(Date.UTC(2026, 2, day, Math.floor(minutes / 60), minutes % 60)); // wall clock as UTC fields
const hm = (h, m = 0) => h * 60 + m;
const text = (d) => d.toISOString().slice(0, 16).replace('T', ' ');

const rows = { leaves: [], overtime: [], trips: [], outs: [], remedies: [] };
const leave = (user, type, unit, day, from, to, endDay = day) => {
  for (let d = day; d <= endDay; d++) reserve(user, d, d === day ? from : hm(9), d === endDay ? to : hm(18));
  const t = LEAVES[type];
  rows.leaves.push([user, t.uniq_id, t.ch, t.en, unit, at(day, from), at(endDay, to), pick(t.reasons)]);
};
const out = (user, type, day, from, to) => {
  reserve(user, day, from, to);
  const t = OUTS[type];
  rows.outs.push([user, t.uniq_id, t.ch, t.en, 'hour', at(day, from), at(day, to), pick(t.reasons)]);
};
const overtime = (user, day, from, to, category, type) => {
  reserve(user, day, from, to);
  rows.overtime.push([user, 'hour', (to - from) / 60, category, type, at(day, from), at(day, to), pick(['项目上线', '版本发布', '月底结账', '客户支持'])]);
};

// Days kept for the CSV and the manifest's inline records (written below), so nothing collides with them.
reserve('E021', 12, hm(9), hm(18));
reserve('E022', 19, hm(9), hm(18));
reserve('E023', 25, hm(14), hm(18));
reserve('E024', 26, hm(9), hm(18));
reserve('E011', 4, hm(10), hm(12));
reserve('E012', 24, hm(9), hm(18));
reserve('E013', 16, hm(8, 30), hm(9, 30));

// Several records of one employee on one day: one user_approval each.
leave('E003', 'personal', 'hour', 10, hm(9), hm(11));
out('E003', 'client', 10, hm(14), hm(16));
overtime('E003', 10, hm(18, 30), hm(20, 30), 'workday', 'comp_time');
leave('E007', 'sick', 'half_day', 17, hm(9), hm(13));
out('E007', 'errand', 17, hm(15), hm(17));

// Trips: whole working days, 1–3 in a row within a week.
while (rows.trips.length < 12) {
  const user = pick(USERS);
  const start = pick(WORKDAYS.filter((d) => d <= 27));
  const length = int(1, 3);
  const days = WORKDAYS.filter((d) => d >= start && d < start + length);
  if (!days.every((d) => free(user, d, hm(9), hm(18)))) continue;
  days.forEach((d) => reserve(user, d, hm(9), hm(18)));
  const end = days[days.length - 1];
  const [from, ...to] = [pick(CITIES), ...CITIES.filter(() => random() < 0.4)];
  const dest = to.length ? to : [CITIES.find((c) => c !== from)];
  rows.trips.push([
    user, at(start, hm(9)), at(end, hm(18)), pick(['客户现场支持', '参加行业会议', '供应商考察', '分公司培训']),
    at(start - 2, hm(15, int(0, 59))), at(start - 3, hm(10, int(0, 59))),
    'l3', from, dest.map(() => 'l3').join(','), dest.join(','), pick(['plane', 'high_speed_rail', 'train,car', 'plane,car']), pick(['round_trip', 'one_way']), pick([null, '含周末返程', null]),
  ]);
}

while (rows.leaves.length < 47) {
  const user = pick(USERS);
  const day = pick(WORKDAYS);
  const type = pick(['annual', 'annual', 'sick', 'personal']);
  const shape = pick(['day', 'day', 'two_days', 'half_day', 'hour']);
  if (shape === 'two_days') {
    const next = WORKDAYS[WORKDAYS.indexOf(day) + 1];
    if (!next || next !== day + 1 || !free(user, day, hm(9), hm(18)) || !free(user, next, hm(9), hm(18))) continue;
    leave(user, type, 'day', day, hm(9), hm(18), next);
    continue;
  }
  const [from, to] = shape === 'day' ? [hm(9), hm(18)] : shape === 'half_day' ? pick([[hm(9), hm(13)], [hm(14), hm(18)]]) : pick([[hm(10), hm(12)], [hm(14), hm(16)], [hm(16), hm(18)]]);
  if (free(user, day, from, to)) leave(user, type, shape === 'half_day' ? 'half_day' : shape === 'hour' ? 'hour' : 'day', day, from, to);
}

while (rows.outs.length < 30) {
  const user = pick(USERS);
  const day = pick(WORKDAYS);
  const from = hm(pick([9, 10, 13, 14, 15]), pick([0, 30]));
  const to = from + 60 * int(1, 3);
  if (to <= hm(18) && free(user, day, from, to)) out(user, pick(['client', 'client', 'errand']), day, from, to);
}

while (rows.overtime.length < 36) {
  const user = pick(USERS);
  if (random() < 0.75) {
    const day = pick(WORKDAYS);
    const from = hm(18, 30);
    const to = from + 30 * int(3, 6);
    if (free(user, day, hm(9), hm(18)) && free(user, day, from, to)) overtime(user, day, from, to, 'workday', pick(['comp_time', 'overtime_pay']));
  } else {
    const day = pick(SATURDAYS);
    const from = hm(10);
    const to = from + 60 * int(3, 6);
    if (free(user, day, from, to)) overtime(user, day, from, to, 'rest_day', pick(['comp_time', 'overtime_pay', 'overtime_pay']));
  }
}

const statuses = [...Array(12).fill('approved'), ...Array(8).fill('pending'), ...Array(5).fill('rejected')];
while (rows.remedies.length < 25) {
  const user = pick(USERS);
  const day = pick(WORKDAYS);
  const on = random() < 0.5;
  const minute = on ? hm(8, int(40, 59)) : hm(18, int(0, 30));
  // The employee was at work at that moment: no leave, out or trip around it.
  if (!free(user, day, on ? hm(9) : hm(17, 30), on ? hm(9, 30) : hm(18))) continue;
  if (rows.remedies.some((r) => r[0] === user && r[1].getUTCDate() === day && r[3] === (on ? 'on' : 'off'))) continue;
  rows.remedies.push([user, at(day, 0), 0, on ? 'on' : 'off', at(day, minute), pick(['忘记打卡', '打卡机故障', '手机没电', '外出回来未打卡']), statuses[rows.remedies.length]]);
}

const SHEETS = {
  leaves: ['user_id', 'uniq_id', 'i18n_names.ch', 'i18n_names.en', 'unit', 'start_time', 'end_time', 'reason'],
  overtime: ['user_id', 'unit', 'duration', 'category', 'type', 'start_time', 'end_time', 'reason'],
  trips: ['user_id', 'start_time', 'end_time', 'reason', 'approve_pass_time', 'approve_apply_time', 'departure.region_level', 'departure.region_id', 'destinations.region_level', 'destinations.region_id', 'transportation', 'trip_type', 'remarks'],
  outs: ['user_id', 'uniq_id', 'i18n_names.ch', 'i18n_names.en', 'unit', 'start_time', 'end_time', 'reason'],
  remedies: ['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason', 'status'],
};

const byTime = (kind) => (a, b) => (kind === 'remedies' ? a[4] - b[4] : a[kind === 'trips' ? 1 : 5] - b[kind === 'trips' ? 1 : 5]) || a[0].localeCompare(b[0]);

const wb = new ExcelJS.Workbook();
wb.creator = 'feishu-import samples';
wb.created = wb.modified = new Date(Date.UTC(2026, 3, 1));
for (const [kind, headers] of Object.entries(SHEETS)) {
  const ws = wb.addWorksheet(kind, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = headers.map((h) => ({
    header: h,
    width: Math.max(12, h.length + 2),
    style: /time$/.test(h) ? { numFmt: 'yyyy-mm-dd hh:mm' } : h === 'remedy_date' ? { numFmt: 'yyyy-mm-dd' } : {},
  }));
  ws.getRow(1).font = { bold: true };
  for (const row of rows[kind].sort(byTime(kind))) ws.addRow(row);
}
await wb.xlsx.writeFile(here('2026-03.xlsx'));

// A second export with the leave type by catalog name, and a header the aliases do not know (mapped in the manifest).
const csv = [
  ['员工号', '假期类型', '单位', '开始时间', '结束时间', '原因'],
  ['E021', 'annual', 'day', '2026-03-12 09:00', '2026-03-12 18:00', '回老家探亲'],
  ['E022', 'sick', 'day', '2026-03-19 09:00', '2026-03-19 18:00', '感冒发烧'],
  ['E023', 'personal', 'half_day', '2026-03-25 14:00', '2026-03-25 18:00', '办理证件'],
  ['E024', 'annual', 'day', '2026-03-26 09:00', '2026-03-26 18:00', '陪家人'],
];
await writeFile(here('extra-leaves.csv'), `\uFEFF${csv.map((r) => r.join(',')).join('\r\n')}\r\n`);

const counts = Object.entries(rows).map(([k, r]) => `${k} ${r.length}`).join(', ');
console.log(`samples written: ${counts}; extra-leaves.csv ${csv.length - 1}; manifest.yaml is hand-written (days reserved above)`);
