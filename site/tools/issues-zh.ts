/** Chinese for the parsers' "where" and "expected" phrases (scan.ts Issue.args). */
const phrases: Record<string, string> = {
  'benchmark line': '基准测试结果行',
  'gctrace line': 'gctrace 行',
  'histogram line': '直方图行',
  'heap profile line': '堆剖析文件的行',
  'a benchmark name': '基准测试的名字',
  'the iteration count': '迭代次数',
  'a value (number) before its unit': '一个数值（后面跟单位）',
  'a unit': '单位',
  'the cycle number': '周期编号',
  'seconds since start': '从启动起的秒数',
  'the GC CPU percentage': 'GC 占用 CPU 的百分比',
  'sweep-termination clock time (ms)': '清扫终止阶段的耗时（毫秒）',
  'concurrent-mark clock time (ms)': '并发标记阶段的耗时（毫秒）',
  'mark-termination clock time (ms)': '标记终止阶段的耗时（毫秒）',
  'CPU time (ms)': 'CPU 时间（毫秒）',
  'assist CPU time (ms)': '辅助标记的 CPU 时间（毫秒）',
  'background-mark CPU time (ms)': '后台标记的 CPU 时间（毫秒）',
  'idle-mark CPU time (ms)': '空闲标记的 CPU 时间（毫秒）',
  'mark-termination CPU time (ms)': '标记终止的 CPU 时间（毫秒）',
  'heap size at GC start (MB)': 'GC 开始时的堆大小（MB）',
  'heap size at GC end (MB)': 'GC 结束时的堆大小（MB）',
  'live heap (MB)': '存活堆（MB）',
  'the heap goal (MB)': '堆目标（MB）',
  'stacks (MB) or the number of Ps': '栈的大小（MB）或 P 的个数',
  'globals (MB)': '全局变量的大小（MB）',
  'the number of Ps': 'P 的个数',
  'in-use objects': '在用对象数',
  'in-use bytes': '在用字节数',
  'allocated objects': '已分配对象数',
  'allocated bytes': '已分配字节数',
  'the sampling rate (2 × MemProfileRate)': '采样率（2 × MemProfileRate）',
  'the bucket’s lower bound': '桶的下界',
  'the bucket’s upper bound or +Inf': '桶的上界或 +Inf',
  'the bucket’s count': '桶的计数',
  '"MB stacks," or "P"': '"MB stacks," 或 "P"',
}

export function zhPhrase(s: string): string {
  if (s in phrases) return phrases[s]
  const unit = /^a unit after (.*) \(ns\/op, B\/op, allocs\/op …\)$/.exec(s)
  if (unit) return `${unit[1]} 后面的单位（ns/op、B/op、allocs/op 等）`
  return s // a quoted literal such as "ms clock,": text to type, the same in every language
}
