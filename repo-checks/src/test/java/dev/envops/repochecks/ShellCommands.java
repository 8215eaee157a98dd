package dev.envops.repochecks;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The names of the programs a shell snippet runs (first words of each simple command, including
 * those inside {@code $(...)}), with keywords, builtins and variable assignments left out.
 */
final class ShellCommands {

  private static final Set<String> KEYWORDS =
      Set.of(
          "if", "then", "else", "elif", "fi", "do", "done", "while", "until", "for", "!", "{", "}");
  static final Set<String> BUILTINS =
      Set.of(
          "[", "[[", "test", "echo", "exit", "export", "cd", "umask", "printf", "true", "false",
          "set", "local", "read", "return", "source", ".", ":");

  private ShellCommands() {}

  static List<String> programs(String script) {
    List<String> names = new ArrayList<>();
    StringBuilder segment = new StringBuilder();
    boolean single = false;
    boolean dbl = false;
    for (int i = 0; i < script.length(); i++) {
      char c = script.charAt(i);
      char previous = i > 0 ? script.charAt(i - 1) : ' ';
      if (c == '\'' && !dbl) {
        single = !single;
        segment.append(c);
      } else if (c == '"' && !single) {
        dbl = !dbl;
        segment.append(c);
      } else if (!single && c == '$' && i + 1 < script.length() && script.charAt(i + 1) == '(') {
        int end = matchingParen(script, i + 1);
        names.addAll(programs(script.substring(i + 2, end)));
        segment.append("SUBSTITUTION");
        i = end;
      } else if (!single && !dbl && c == '#' && Character.isWhitespace(previous)) {
        while (i < script.length() && script.charAt(i) != '\n') {
          i++;
        }
        flush(segment, names);
      } else if (!single && !dbl && ";|&()\n".indexOf(c) >= 0 && !isRedirect(c, previous)) {
        flush(segment, names);
      } else {
        segment.append(c);
      }
    }
    flush(segment, names);
    return names;
  }

  private static boolean isRedirect(char c, char previous) {
    return c == '&' && (previous == '>' || previous == '<');
  }

  private static int matchingParen(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      if (text.charAt(i) == '(') {
        depth++;
      } else if (text.charAt(i) == ')' && --depth == 0) {
        return i;
      }
    }
    throw new IllegalArgumentException("unbalanced $( in: " + text);
  }

  private static void flush(StringBuilder segment, List<String> names) {
    String[] words = segment.toString().trim().split("\\s+");
    segment.setLength(0);
    for (String word : words) {
      if (word.isEmpty() || KEYWORDS.contains(word) || word.matches("[A-Za-z_][A-Za-z0-9_]*=.*")) {
        continue;
      }
      if (word.matches("\\d*[<>].*|\\d+")) {
        return;
      }
      if (!BUILTINS.contains(word)) {
        names.add(word.replace("\"", "").replace("'", ""));
      }
      return;
    }
  }
}
