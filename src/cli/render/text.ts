// Measuring text for alignment. Kept apart from colors.ts so that tables do not load chalk.

/** Visible width of a string: ANSI escapes removed, one column per code point. */
export function visibleWidth(text: string): number {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes on purpose
  return [...text.replace(/\u001b\[[0-9;]*m/g, "").normalize("NFC")].length;
}
