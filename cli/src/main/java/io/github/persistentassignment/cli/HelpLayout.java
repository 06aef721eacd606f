package io.github.persistentassignment.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * Lays out the help text at the terminal's width, breaking lines only between words. Picocli's own
 * layout breaks inside URLs and file names ({@code sqlite:.} / {@code /persistent-…}); here a word
 * longer than its column stands alone on its line instead.
 */
final class HelpLayout {
  /** The widest first column before descriptions move to the next line. */
  private static final int MAX_NAME_COLUMN = 26;

  private HelpLayout() {}

  /** Installs the layout on a command and all its subcommands. */
  static void install(CommandLine command) {
    Map<String, CommandLine.IHelpSectionRenderer> sections = command.getHelpSectionMap();
    sections.put(UsageMessageSpec.SECTION_KEY_DESCRIPTION, HelpLayout::description);
    sections.put(UsageMessageSpec.SECTION_KEY_PARAMETER_LIST, HelpLayout::parameters);
    sections.put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, HelpLayout::options);
    sections.put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commands);
    sections.put(UsageMessageSpec.SECTION_KEY_FOOTER, HelpLayout::footer);
    command.setHelpSectionMap(sections);
    command.getSubcommands().values().forEach(HelpLayout::install);
  }

  private static int width(Help help) {
    return help.commandSpec().usageMessage().width();
  }

  /** The description's lines are one text, wrapped anew; an empty line starts a paragraph. */
  private static String description(Help help) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : paragraphs(help.commandSpec().usageMessage().description())) {
      out.append(wrap(paragraph, 0, 0, width(help)));
    }
    return out.toString();
  }

  private static List<String> paragraphs(String[] lines) {
    List<String> paragraphs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : lines) {
      if (line.isBlank()) {
        if (current.length() > 0) {
          paragraphs.add(current.toString());
          current.setLength(0);
        }
      } else {
        current.append(current.length() > 0 ? " " : "").append(line.strip());
      }
    }
    if (current.length() > 0) {
      paragraphs.add(current.toString());
    }
    return paragraphs;
  }

  /** A command's summary in its parent's list: the first sentence of its description. */
  static String summary(String[] description) {
    List<String> paragraphs = paragraphs(description);
    if (paragraphs.isEmpty()) {
      return "";
    }
    String text = paragraphs.get(0);
    int end = text.indexOf(". ");
    return end < 0 ? text : text.substring(0, end + 1);
  }

  private static String footer(Help help) {
    StringBuilder out = new StringBuilder();
    for (String line : help.commandSpec().usageMessage().footer()) {
      // A footer line that starts with spaces is an item of a list: keep its indent.
      int indent = line.length() - line.stripLeading().length();
      out.append(wrap(line.strip(), indent, indent + 2, width(help)));
    }
    return out.toString();
  }

  private static String parameters(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (PositionalParamSpec parameter : help.commandSpec().positionalParameters()) {
      if (!parameter.hidden()) {
        rows.add(new String[] {parameter.paramLabel(), text(parameter)});
      }
    }
    return table(rows, width(help));
  }

  private static String options(Help help) {
    List<String[]> rows = new ArrayList<>();
    for (OptionSpec option : help.commandSpec().options()) {
      if (option.hidden()) {
        continue;
      }
      String label =
          help.parameterLabelRenderer()
              .renderParameterLabel(option, Help.Ansi.OFF, List.of())
              .toString();
      rows.add(new String[] {String.join(", ", option.names()) + label, text(option)});
    }
    return table(rows, width(help));
  }

  private static String commands(Help help) {
    List<String[]> rows = new ArrayList<>();
    help.subcommands()
        .forEach(
            (name, sub) -> {
              UsageMessageSpec usage = sub.commandSpec().usageMessage();
              String[] text = usage.header().length > 0 ? usage.header() : usage.description();
              rows.add(new String[] {name, summary(text)});
            });
    return table(rows, width(help));
  }

  /** An argument's description, with its default value filled in. */
  private static String text(ArgSpec argument) {
    String description = String.join(" ", argument.description());
    String defaultValue = argument.defaultValueString();
    return description.replace("${DEFAULT-VALUE}", defaultValue == null ? "" : defaultValue);
  }

  /** Two columns: names, then descriptions wrapped beside them (or below a long name). */
  private static String table(List<String[]> rows, int width) {
    int column = 0;
    for (String[] row : rows) {
      column = Math.max(column, Math.min(row[0].length(), MAX_NAME_COLUMN));
    }
    int descriptionIndent = 2 + column + 2;
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      String name = "  " + row[0];
      if (row[0].length() > column) {
        out.append(name).append('\n');
        out.append(wrap(row[1], descriptionIndent, descriptionIndent + 2, width));
      } else {
        String wrapped = wrap(row[1], descriptionIndent, descriptionIndent + 2, width);
        out.append(name).append(wrapped.substring(name.length()));
      }
    }
    return out.toString();
  }

  /**
   * Wraps text at spaces: the first line indented {@code first}, the next ones {@code next}; a word
   * wider than the room stands alone on its line, unbroken.
   */
  static String wrap(String text, int first, int next, int width) {
    StringBuilder out = new StringBuilder();
    StringBuilder line = new StringBuilder(" ".repeat(first));
    boolean empty = true;
    for (String word : text.split(" +")) {
      if (word.isEmpty()) {
        continue;
      }
      if (!empty && line.length() + 1 + word.length() > width) {
        out.append(line).append('\n');
        line = new StringBuilder(" ".repeat(next));
        empty = true;
      }
      if (!empty) {
        line.append(' ');
      }
      line.append(word);
      empty = false;
    }
    return out.append(line).append('\n').toString();
  }
}
