// The rules of a decision on an off-campus filing, shared by the approvals
// page and its tests: the opinion (审批意见) is required to reject and
// bounded like the server's.

/** The server's bound (activity.h kMaxOpinionChars), in characters. */
export const maxOpinionChars = 500

/** What is wrong with `opinion` for this decision, or '' when it may be sent. */
export function opinionProblem(approve: boolean, opinion: string): string {
  const text = opinion.trim()
  if (!approve && !text) return '退回时请填写审批意见'
  if ([...text].length > maxOpinionChars) return `审批意见不能超过 ${maxOpinionChars} 字`
  return ''
}
