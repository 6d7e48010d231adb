import type { Command } from 'commander';
import { getLang, t } from '../../messages/index.js';
import { say } from '../output.js';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('write an empty workbook to fill in by hand: the five sheets, notes on every header, drop-down lists')
    .option('--out <file>', 'where to write it', 'template.xlsx')
    .action(async (flags: { out: string }) => {
      const { writeTemplate } = await import('../../report/template.js'); // loaded on use (the exceljs writer)
      await writeTemplate(flags.out, getLang());
      say(t('cli.templateWritten', { path: flags.out }));
    });
}
