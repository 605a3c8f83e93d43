package dev.partnerbot.teams;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Activities shaped like those Teams sends (after Microsoft's documented Teams samples): a channel
 * mention, a 1:1 message, a card submit, an Action.Execute invoke, installation events.
 */
public final class TeamsActivities {
    public static final ObjectMapper JSON = new ObjectMapper();
    public static final String BOT_ID = "28:" + BotFrameworkStandIn.APP_ID;
    public static final String TEAM_ID = "19:3f4a8b2c1d0e4f5a9b8c7d6e5f4a3b2c@thread.tacv2";
    public static final String CHANNEL_ID = "19:8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a@thread.tacv2";
    public static final String THREAD = CHANNEL_ID + ";messageid=1715000100000";
    public static final String PERSONAL_CHAT = "a:1Zx9PartnerBotPersonalChatWithMeiLin";
    public static final String SHARED_CHANNEL = "19:5e4d3c2b1a0f4e9d8c7b6a5f4e3d2c1b@thread.tacv2";
    public static final String SHARED_CHANNEL_THREAD = SHARED_CHANNEL + ";messageid=1715000100500";
    public static final String GROUP_CHAT = "19:meeting_b7d1c2a9e8f04c3b@thread.v2";

    private TeamsActivities() {
    }

    /** "@PartnerBot ..." in a channel thread; the timestamp has no fractional seconds, as Teams sometimes sends. */
    public static ObjectNode channelMention(String id, String textAfterMention) {
        ObjectNode a = base("message", id, THREAD, "channel");
        a.put("text", "<at>PartnerBot</at> " + textAfterMention);
        a.put("textFormat", "plain");
        a.put("timestamp", "2024-05-06T10:15:30Z");
        a.put("localTimestamp", "2024-05-06T12:15:30.123+02:00");
        a.putArray("entities")
                .add(read("""
                        {"type": "mention", "text": "<at>PartnerBot</at>",
                         "mentioned": {"id": "%s", "name": "PartnerBot"}}""".formatted(BOT_ID)))
                .add(read("""
                        {"type": "clientInfo", "locale": "en-US", "country": "US", "platform": "Web",
                         "timezone": "Europe/Berlin"}"""));
        return a;
    }

    /** "@PartnerBot ..." in a group chat (members come from the roster). */
    public static ObjectNode groupChatMention(String id, String textAfterMention) {
        ObjectNode a = base("message", id, GROUP_CHAT, "groupChat");
        a.put("text", "<at>PartnerBot</at> " + textAfterMention);
        a.put("textFormat", "plain");
        a.putArray("entities").add(read("""
                {"type": "mention", "text": "<at>PartnerBot</at>", "mentioned": {"id": "%s", "name": "PartnerBot"}}"""
                .formatted(BOT_ID)));
        return a;
    }

    /** A channel mention in a shared channel (Teams Connect): the channel data names its membership type. */
    public static ObjectNode sharedChannelMention(String id, String textAfterMention) {
        ObjectNode a = channelMention(id, textAfterMention);
        ((ObjectNode) a.path("conversation")).put("id", SHARED_CHANNEL_THREAD);
        ((ObjectNode) a.path("channelData")).put("teamsChannelId", SHARED_CHANNEL);
        ((ObjectNode) a.path("channelData").path("channel")).put("id", SHARED_CHANNEL).put("membershipType", "shared");
        return a;
    }

    public static ObjectNode personalMessage(String id, String text) {
        ObjectNode a = base("message", id, PERSONAL_CHAT, "personal");
        a.put("text", text);
        a.put("textFormat", "plain");
        a.put("timestamp", "2024-05-06T10:15:30.5120000Z");
        return a;
    }

    /** Action.Submit: a message with the button's data as value, no text, replying to the card. */
    public static ObjectNode cardSubmit(String id, String cardActivityId, JsonNode data) {
        ObjectNode a = base("message", id, THREAD, "channel");
        a.put("replyToId", cardActivityId);
        a.put("timestamp", "2024-05-06T10:16:02.731Z");
        a.set("value", data);
        ObjectNode channelData = (ObjectNode) a.get("channelData");
        channelData.set("source", read("{\"name\": \"message\"}"));
        channelData.put("legacy", read("{\"replyToId\": \"" + cardActivityId + "\"}").toString());
        return a;
    }

    /** Action.Execute (Universal Actions) arrives as an adaptiveCard/action invoke. */
    public static ObjectNode actionExecute(String id, String cardActivityId, JsonNode data) {
        ObjectNode a = base("invoke", id, THREAD, "channel");
        a.put("name", "adaptiveCard/action");
        a.put("replyToId", cardActivityId);
        ObjectNode value = a.putObject("value");
        ObjectNode action = value.putObject("action");
        action.put("type", "Action.Execute");
        action.put("verb", "redraft");
        action.set("data", data);
        value.put("trigger", "manual");
        return a;
    }

    /** The bot was added to a team: conversationUpdate on the General channel. */
    public static ObjectNode botAddedToTeam(String id) {
        ObjectNode a = base("conversationUpdate", id, CHANNEL_ID, "channel");
        a.putArray("membersAdded").add(read("{\"id\": \"%s\"}".formatted(BOT_ID)));
        ((ObjectNode) a.get("channelData")).put("eventType", "teamMemberAdded");
        a.remove("from");
        a.set("from", read("{\"id\": \"29:1aAdminUserId\", \"aadObjectId\": \"0b2e7f4a-1c3d-4e5f-8a9b-0c1d2e3f4a5b\"}"));
        return a;
    }

    public static ObjectNode botRemovedFromTeam(String id) {
        ObjectNode a = base("conversationUpdate", id, CHANNEL_ID, "channel");
        a.putArray("membersRemoved").add(read("{\"id\": \"%s\"}".formatted(BOT_ID)));
        ((ObjectNode) a.get("channelData")).put("eventType", "teamMemberRemoved");
        return a;
    }

    public static ObjectNode installationUpdate(String id, String action) {
        ObjectNode a = base("installationUpdate", id, CHANNEL_ID, "channel");
        a.put("action", action);
        return a;
    }

    private static ObjectNode base(String type, String id, String conversationId, String conversationType) {
        ObjectNode a = JSON.createObjectNode();
        a.put("type", type);
        a.put("id", id);
        a.put("channelId", "msteams");
        a.put("serviceUrl", BotFrameworkStandIn.serviceUrl());
        a.set("from", read("""
                {"id": "29:1MeiLinTeamsUserId", "name": "Mei Lin",
                 "aadObjectId": "6c1e3b0a-9d8f-4e7a-b6c5-d4e3f2a1b0c9"}"""));
        a.set("conversation", read("""
                {"isGroup": %s, "conversationType": "%s", "tenantId": "%s", "id": "%s"}"""
                .formatted(!"personal".equals(conversationType), conversationType, BotFrameworkStandIn.TENANT_ID,
                        conversationId)));
        a.set("recipient", read("{\"id\": \"%s\", \"name\": \"PartnerBot\"}".formatted(BOT_ID)));
        ObjectNode channelData = a.putObject("channelData");
        channelData.set("tenant", read("{\"id\": \"%s\"}".formatted(BotFrameworkStandIn.TENANT_ID)));
        if ("channel".equals(conversationType)) {
            channelData.put("teamsChannelId", CHANNEL_ID);
            channelData.put("teamsTeamId", TEAM_ID);
            channelData.set("channel", read("{\"id\": \"%s\"}".formatted(CHANNEL_ID)));
            channelData.set("team", read("{\"id\": \"%s\"}".formatted(TEAM_ID)));
        }
        a.put("locale", "en-US");
        return a;
    }

    public static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
