package dev.vigil.testkit.routeros;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

/** The query stack of routeros-api.md §1.6: {@code name}, {@code -name}, {@code name=x}, {@code <}, {@code >}, {@code #ops}. */
final class SimQuery {
    private SimQuery() {}

    static boolean matches(List<String> queries, Map<String, String> item) {
        List<Boolean> stack = new ArrayList<>(); // index 0 = top
        for (String q : queries) {
            if (q.startsWith("#")) {
                operate(stack, q.substring(1));
            } else {
                stack.add(0, test(q, item));
            }
        }
        return !stack.contains(Boolean.FALSE);
    }

    private static boolean test(String q, Map<String, String> item) {
        if (q.startsWith("-")) {
            return !item.containsKey(q.substring(1));
        }
        char op = q.charAt(0);
        if (op == '<' || op == '>') {
            int eq = q.indexOf('=');
            String value = item.get(q.substring(1, eq));
            if (value == null) {
                return false;
            }
            int cmp = compare(value, q.substring(eq + 1));
            return op == '<' ? cmp < 0 : cmp > 0;
        }
        int eq = q.indexOf('=');
        if (eq < 0) {
            return item.containsKey(q);
        }
        String key = q.substring(0, eq);
        String expected = q.substring(eq + 1);
        String actual = item.get(key);
        if (actual == null && (expected.equals("false") || expected.equals("no")) && isFlag(key)) {
            return true;
        }
        return expected.equals(actual) || (isFlag(key) && normalise(expected).equals(normalise(actual)));
    }

    private static boolean isFlag(String key) {
        return List.of("disabled", "master", "backup", "running", "invalid", "active", "dynamic")
                .contains(key);
    }

    private static String normalise(String value) {
        return "yes".equals(value) ? "true" : "no".equals(value) ? "false" : String.valueOf(value);
    }

    private static int compare(String a, String b) {
        try {
            return Long.compare(Long.parseLong(a), Long.parseLong(b));
        } catch (NumberFormatException e) {
            return a.compareTo(b);
        }
    }

    private static void operate(List<Boolean> stack, String ops) {
        Deque<Boolean> work = new ArrayDeque<>(stack);
        int i = 0;
        while (i < ops.length()) {
            char c = ops.charAt(i);
            if (Character.isDigit(c)) {
                int start = i;
                while (i < ops.length() && Character.isDigit(ops.charAt(i))) {
                    i++;
                }
                int index = Integer.parseInt(ops.substring(start, i));
                boolean value = index < work.size() ? new ArrayList<>(work).get(index) : true;
                if (i == ops.length()) {
                    work.clear();
                    work.push(value);
                } else {
                    work.push(value);
                    if (ops.charAt(i) == '.') {
                        i++;
                    }
                }
                continue;
            }
            switch (c) {
                case '!' -> work.push(!pop(work));
                case '&' -> work.push(pop(work) & pop(work));
                case '|' -> work.push(pop(work) | pop(work));
                case '.' -> work.push(peek(work));
                default -> throw new IllegalArgumentException("unknown query operation '" + c + "'");
            }
            i++;
        }
        stack.clear();
        stack.addAll(work);
    }

    private static boolean pop(Deque<Boolean> work) {
        Boolean value = work.poll();
        return value == null || value;
    }

    private static boolean peek(Deque<Boolean> work) {
        Boolean value = work.peek();
        return value == null || value;
    }
}
