package dev.vigil.collector.notify.channel;

import java.util.List;

/** Telegram chats through a bot: {@code tgram://bottoken/chatid[/chatid…]}. */
public record TelegramTarget(String scheme, String botToken, List<String> chatIds, boolean silent)
        implements ChannelTarget {

    public TelegramTarget {
        chatIds = List.copyOf(chatIds);
    }

    @Override
    public String masked() {
        return scheme + "://****/" + String.join("/", chatIds);
    }
}
