/**
 * A pure function of a string, remembered. Hot paths ask for the same few hundred texts again
 * and again (Kratos key paths, message templates, durations) across every configuration; each
 * answer is computed once. At most `limit` answers are kept: past that, a new text is computed
 * each time, so a hostile stream of distinct texts costs time, never unbounded memory.
 */
export const memoByText = <T>(
  compute: (text: string) => T,
  limit: number,
): ((text: string) => T) => {
  const answers = new Map<string, T>()
  return (text) => {
    const known = answers.get(text)
    if (known !== undefined || answers.has(text)) return known as T
    const answer = compute(text)
    if (answers.size < limit) answers.set(text, answer)
    return answer
  }
}
