package dev.vigil.collector.ingest.broker;

/** Which sites a dashboard or phone user may see over MQTT: all for MSP staff, its customer's for the others. */
public interface UserSites {
    /** Every user sees every site. */
    UserSites ALL = new UserSites() {
        @Override
        public boolean restricted(String username) {
            return false;
        }

        @Override
        public boolean visible(String username, String site) {
            return true;
        }
    };

    /** True when the user sees only some sites (so wildcards over sites are refused). */
    boolean restricted(String username);

    boolean visible(String username, String site);
}
