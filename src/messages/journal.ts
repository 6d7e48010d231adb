// Messages of the journal stage. Keys are stable ids; {name} placeholders are filled by t().
import type { Catalog } from './catalog.js';

export const journalMessages = {
  'journal.locked': {
    en: 'Another run (pid {pid} on {host}) is using the state directory {dir}. Wait for it to finish, or use another --state directory.',
    zh: '另一个运行（主机 {host} 上的进程 {pid}）正在使用状态目录 {dir}。请等待其结束，或用 --state 指定其他目录。',
  },
  'journal.notDir': {
    en: 'The state path {dir} exists but is not a directory.',
    zh: '状态路径 {dir} 已存在，但不是目录。',
  },
  'journal.dirUnusable': {
    en: 'Cannot use the state directory {dir}: {reason}',
    zh: '无法使用状态目录 {dir}：{reason}',
  },
  'journal.unreadable': {
    en: 'Cannot read the journal {path}: {reason}',
    zh: '无法读取日志文件 {path}：{reason}',
  },
  'journal.lineSkipped': {
    en: 'Line {line} of {path} is damaged and was skipped.',
    zh: '{path} 第 {line} 行已损坏，已跳过。',
  },
  'journal.tornTail': {
    en: 'The last line of {path} was incomplete (a run stopped while writing it) and was ignored.',
    zh: '{path} 的最后一行不完整（某次运行在写入时中断），已忽略。',
  },
} satisfies Catalog;
