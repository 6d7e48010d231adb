// The month bench:submit and bench:faults send: USERS × DAYS leaves (one user-date group each) plus REMEDIES remedies,
// written once as a workbook, so both benchmarks measure the same requests.
import ExcelJS from 'exceljs';

export async function writeMonth(path, { users, days, remedies }) {
  const wb = new ExcelJS.Workbook();
  const leaves = wb.addWorksheet('leaves');
  leaves.addRow(['user_id', 'uniq_id', 'i18n_names.ch', 'unit', 'start_time', 'end_time', 'reason']);
  const rem = wb.addWorksheet('remedies');
  rem.addRow(['user_id', 'remedy_date', 'punch_no', 'work_type', 'remedy_time', 'reason']);
  for (let u = 0; u < users; u++) {
    for (let d = 0; d < days; d++) {
      const row = leaves.addRow([`E${u}`, 'AL01', '年假', 'hour', new Date(Date.UTC(2026, 2, 1 + d, 9)), new Date(Date.UTC(2026, 2, 1 + d, 11)), 'bench']);
      row.getCell(5).numFmt = row.getCell(6).numFmt = 'yyyy-mm-dd hh:mm:ss';
    }
  }
  for (let i = 0; i < remedies; i++) {
    const day = 1 + Math.floor(i / users);
    rem.addRow([`E${i % users}`, 20260300 + day, 0, 'on', `2026-03-${String(day).padStart(2, '0')} 09:00`, 'forgot']);
  }
  await wb.xlsx.writeFile(path);
}
