package dev.vigil.testkit.lab;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.Locale;

/** Renders one router's keepalived.conf: an IPv4 instance and, optionally, a VRRPv3 IPv6 instance. */
final class KeepalivedConfig {
    static final String INSTANCE_V4 = "lan4";
    static final String INSTANCE_V6 = "lan6";

    private KeepalivedConfig() {}

    static String render(LabConfig config, Router router, int priority, Path notifyFifo) {
        StringBuilder conf = new StringBuilder();
        conf.append("global_defs {\n")
                .append("  router_id vigil_")
                .append(router.name().toLowerCase(Locale.ROOT))
                .append('\n')
                .append("  script_user root\n")
                .append("  vrrp_notify_fifo \"")
                .append(notifyFifo)
                .append("\"\n")
                .append("}\n");
        instance(conf, INSTANCE_V4, config.vrrpVersion(), config.vrid(), config, priority);
        conf.append("    ").append(LabPlan.VIP.getHostAddress()).append("/24\n");
        conf.append("  }\n}\n");
        if (config.ipv6()) {
            instance(conf, INSTANCE_V6, 3, config.vrid6(), config, priority);
            // one address per line, the link-local VIP first (RFC 5798 5.2.9)
            conf.append("    ").append(LabPlan.VIP6_LINK_LOCAL).append("/64\n");
            conf.append("    ").append(LabPlan.VIP6.getHostAddress()).append("/64\n");
            conf.append("  }\n}\n");
        }
        return conf.toString();
    }

    /** keepalived's advert_int: whole seconds for v2, seconds with up to two decimals for v3. */
    static String advertInt(LabConfig config, int version) {
        BigDecimal seconds = BigDecimal.valueOf(config.advertInterval().toMillis(), 3);
        if (version == 2) {
            return seconds.toBigInteger().toString();
        }
        return seconds.stripTrailingZeros().toPlainString();
    }

    private static void instance(
            StringBuilder conf, String name, int version, int vrid, LabConfig config, int priority) {
        conf.append("vrrp_instance ").append(name).append(" {\n");
        conf.append("  state BACKUP\n");
        conf.append("  interface ").append(LabPlan.LAN_INTERFACE).append('\n');
        conf.append("  virtual_router_id ").append(vrid).append('\n');
        conf.append("  version ").append(version).append('\n');
        conf.append("  priority ").append(priority).append('\n');
        conf.append("  advert_int ").append(advertInt(config, version)).append('\n');
        conf.append("  virtual_ipaddress {\n");
    }
}
