import type { Command } from 'commander';
import { getLang, t } from '../../messages/index.js';
import { writeTemplate } from '../../report/template.js';
import { say } from '../output.js';

export function registerTemplate(program: Command): void {
  program
    .command('template')
    .description('write an empty workbook to fill in by hand: the five sheets, notes on every header, drop-down lists')
    .option('--out <file>', 'where to write it', 'template.xlsx')
    .action(async (flags: { out: string }) => {
      await writeTemplate(flags.out, getLang());
      say(t('cli.templateWritten', { path: flags.out }));
    });
}
