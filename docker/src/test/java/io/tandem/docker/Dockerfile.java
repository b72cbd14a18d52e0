package io.tandem.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A Dockerfile read as its build stages and their instructions (continuation lines joined, comments dropped): enough
 * to check its structure without a Docker engine.
 */
record Dockerfile(Map<String, Stage> stages) {

    /** One {@code FROM ... AS name} stage. */
    record Stage(String name, String from, List<Instruction> instructions) {
        List<String> arguments(String keyword) {
            return instructions.stream().filter(i -> i.keyword().equals(keyword)).map(Instruction::arguments).toList();
        }

        /** The stage's own instructions, then those of the stage it is built FROM, recursively. */
        List<String> inherited(Dockerfile file, String keyword) {
            List<String> all = new ArrayList<>(arguments(keyword));
            Stage parent = file.stages().get(from);
            if (parent != null) {
                all.addAll(parent.inherited(file, keyword));
            }
            return all;
        }
    }

    record Instruction(String keyword, String arguments) {
    }

    static Dockerfile read(Path path) throws IOException {
        Map<String, Stage> stages = new LinkedHashMap<>();
        List<Instruction> current = null;
        StringBuilder logical = new StringBuilder();
        for (String line : Files.readAllLines(path)) {
            String trimmed = line.strip();
            if (trimmed.startsWith("#") || (trimmed.isEmpty() && logical.isEmpty())) {
                continue;
            }
            if (trimmed.endsWith("\\")) {
                logical.append(trimmed, 0, trimmed.length() - 1).append(' ');
                continue;
            }
            logical.append(trimmed);
            String text = logical.toString().strip();
            logical.setLength(0);
            int space = text.indexOf(' ');
            String keyword = text.substring(0, space).toUpperCase(Locale.ROOT);
            String arguments = text.substring(space + 1).strip();
            if (keyword.equals("FROM")) {
                String[] parts = arguments.split("\\s+");
                String name = parts.length == 3 && parts[1].equalsIgnoreCase("AS") ? parts[2] : "stage-" + stages.size();
                current = new ArrayList<>();
                stages.put(name, new Stage(name, parts[0], current));
            } else if (current == null) {
                throw new IllegalArgumentException(path + ": " + keyword + " before the first FROM");
            } else {
                current.add(new Instruction(keyword, arguments));
            }
        }
        return new Dockerfile(stages);
    }
}
