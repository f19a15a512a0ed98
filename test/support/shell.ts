// A command line as a POSIX shell splits it into words: what a test needs to run a command the
// CLI printed for people to paste (single and double quotes, backslash escapes, `#` comments).

/** The words of `line`; throws on an unterminated quote. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  let i = 0;
  const add = (text: string) => {
    word = (word ?? "") + text;
  };
  while (i < line.length) {
    const ch = line[i];
    if (/\s/.test(ch)) {
      if (word !== undefined) words.push(word);
      word = undefined;
      i++;
    } else if (ch === "#" && word === undefined) {
      break;
    } else if (ch === "'") {
      const end = line.indexOf("'", i + 1);
      if (end < 0) throw new Error(`unterminated single quote: ${line}`);
      add(line.slice(i + 1, end));
      i = end + 1;
    } else if (ch === '"') {
      let j = i + 1;
      let text = "";
      while (j < line.length && line[j] !== '"') {
        if (line[j] === "\\" && /["\\$`]/.test(line[j + 1] ?? "")) j++;
        text += line[j];
        j++;
      }
      if (j >= line.length) throw new Error(`unterminated double quote: ${line}`);
      add(text);
      i = j + 1;
    } else if (ch === "\\") {
      add(line[i + 1] ?? "");
      i += 2;
    } else {
      add(ch);
      i++;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}
