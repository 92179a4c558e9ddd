// One small, complete draft shared by the LSP and CLI tests: a placeholder on line 3 and
// three level-1 headings. `SAMPLE_WITH_GAP` numbers the third heading 四、 (a numbering gap).
export const SAMPLE_DRAFT = [
  '在全市安全生产工作会议上的讲话',
  '同志们：',
  '今天召开XX安全生产工作会议，下面我讲三点意见。',
  '一、提高认识',
  '安全生产责任重于泰山。',
  '二、压实责任',
  '各级各部门要狠抓落实。',
  '三、强化督查',
  '要加强督促检查。',
  '同志们，让我们共同努力，确保全市安全生产形势持续稳定！',
].join('\n');

export const SAMPLE_WITH_GAP = SAMPLE_DRAFT.replace('三、强化督查', '四、强化督查');
