package dev.vigil.agent.vrrp.testing;

import dev.vigil.agent.vrrp.decode.Advert;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the lines of the fixtures' EXPECTED.txt: one per distinct advert shape, in order of first appearance. */
public final class ExpectedSummary {
    private final Map<String, Integer> counts = new LinkedHashMap<>();

    public void add(Advert a) {
        String key = String.format(
                Locale.ROOT,
                "%s  %s  %s  %s  v%d/t%d  vrid=%d  prio=%d  int=%s  auth=%s  naddr=%d  ck=%s  ttl=%d",
                a.sourceMac(),
                a.source(),
                a.multicast() ? "mcast" : a.destination(),
                a.family(),
                a.version(),
                a.type(),
                a.vrid(),
                a.priority(),
                a.intervalText(),
                a.auth(),
                a.addresses().size(),
                a.checksum().wireName(),
                a.ttl());
        counts.merge(key, 1, Integer::sum);
    }

    public List<String> lines() {
        List<String> out = new ArrayList<>();
        counts.forEach((k, n) -> out.add(String.format(Locale.ROOT, "%4d  %s", n, k)));
        return out;
    }

    /** The lines of one {@code == file} section of EXPECTED.txt, or null when the file has no section. */
    public static List<String> section(List<String> expectedFile, String capture) {
        int start = expectedFile.indexOf("== " + capture);
        if (start < 0) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (int i = start + 1; i < expectedFile.size() && !expectedFile.get(i).startsWith("== "); i++) {
            if (!expectedFile.get(i).isBlank()) {
                out.add(expectedFile.get(i));
            }
        }
        return out;
    }
}
