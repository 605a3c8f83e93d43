package dev.partnerbot.teams.bot;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.microsoft.bot.builder.BotFrameworkAdapter;
import com.microsoft.bot.builder.MessageFactory;
import com.microsoft.bot.builder.TurnContext;
import com.microsoft.bot.builder.teams.TeamsActivityHandler;
import com.microsoft.bot.connector.ConnectorClient;
import com.microsoft.bot.schema.Activity;
import com.microsoft.bot.schema.AdaptiveCardInvokeResponse;
import com.microsoft.bot.schema.AdaptiveCardInvokeValue;
import com.microsoft.bot.schema.ChannelAccount;
import com.microsoft.bot.schema.ConversationParameters;
import com.microsoft.bot.schema.RoleTypes;
import com.microsoft.bot.schema.TextFormatTypes;
import com.microsoft.bot.schema.teams.TeamInfo;
import com.microsoft.bot.schema.teams.TeamsChannelData;
import com.microsoft.bot.schema.teams.TenantInfo;
import dev.partnerbot.core.Language;
import dev.partnerbot.core.Tone;
import dev.partnerbot.core.coach.Answer;
import dev.partnerbot.core.coach.Clarification;
import dev.partnerbot.core.coach.Coach;
import dev.partnerbot.core.delivery.MessageClaims;
import dev.partnerbot.core.coach.Help;
import dev.partnerbot.core.coach.Suggestion;
import dev.partnerbot.core.feedback.FeedbackSink;
import dev.partnerbot.teams.TeamsText;
import dev.partnerbot.teams.cards.AnswerCards;
import dev.partnerbot.teams.cards.CardSubmit;
import dev.partnerbot.teams.inbound.ActivityJson;
import dev.partnerbot.teams.install.ConversationReferenceStore;
import dev.partnerbot.teams.tips.TipsConversation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PartnerBot in Teams: messages and mentions go to the {@link Coach}, answers come back as Adaptive
 * Cards, card buttons redraft or count a vote, and installations are remembered for weekly tips.
 * Logs carry activity ids and labels only, never what anyone wrote.
 */
public final class CoachBot extends TeamsActivityHandler {
    private static final Logger LOG = LoggerFactory.getLogger(CoachBot.class);
    private static final String PLATFORM = "teams";
    private static final String GREETING = "teams_greeting";

    private final Coach coach;
    private final FeedbackSink feedback;
    private final ConversationReferenceStore references;
    private final AnswerCards cards;
    private final ActivityJson json;
    private final TipsConversation tips;
    private final MessageClaims claims;
    private final ConversationAudience audience;

    /**
     * @param claims   where each message activity (conversation + activity id) is claimed before it is
     *                 answered: Teams redelivers an activity it thinks was not acknowledged in time
     * @param audience who can read a conversation (shared with the weekly tips, so one roster read serves both)
     */
    public CoachBot(Coach coach, FeedbackSink feedback, ConversationReferenceStore references, ActivityJson json,
                    TipsConversation tips, MessageClaims claims, ConversationAudience audience) {
        this.claims = claims;
        this.coach = coach;
        this.tips = tips;
        this.feedback = feedback;
        this.references = references;
        this.json = json;
        this.cards = new AnswerCards(coach::playbook, json.mapper());
        this.audience = audience;
    }

    // ---- messages ------------------------------------------------------------------------------

    @Override
    protected CompletableFuture<Void> onMessageActivity(TurnContext turn) {
        Activity activity = turn.getActivity();
        if (fromABot(activity)) {
            LOG.debug("ignoring message {} from a bot", activity.getId());
            return done();
        }
        String conversation = activity.getConversation() == null ? "?" : activity.getConversation().getId();
        if (activity.getId() != null && !claims.claim(MessageClaims.teams(conversation, activity.getId()))) {
            LOG.info("message {}: already answered (redelivery), acknowledged", activity.getId());
            return done();
        }
        long received = System.nanoTime();
        String text = TeamsText.plain(activity.getText());
        if (text.isEmpty() && activity.getValue() != null) {
            return onCardSubmit(turn, json.mapper().valueToTree(activity.getValue()));
        }
        if (TipsConversation.isTipsCommand(text)) {
            return onTipsCommand(turn, text);
        }
        Answer answer = coach.answer(text);
        if (answer instanceof Suggestion || answer instanceof Clarification) {
            // Coaching about a client never goes where people outside the organisation read along.
            return audience.of(turn).thenCompose(who -> who == ConversationAudience.Audience.OUTSIDE
                    ? answerPrivately(turn, text, answer, received)
                    : answerHere(turn, text, answer, received));
        }
        Help help = (Help) answer;
        LOG.info("message {}: help ({}) in {} ms", activity.getId(), help.reason(), (System.nanoTime() - received) / 1_000_000);
        return switch (help.reason()) {
            case ASKED -> sendMarkdown(turn, cards.help(helpInBothLanguages(help))
                    + coach.tailorModel().map(m -> "\n\n" + coach.playbook(help.language()).label("llm_notice").replace("{model}", m))
                    .orElse(""));
            // An empty mention: a short, polite pointer rather than the whole usage text.
            case NOTHING_TO_READ -> sendMarkdown(turn, help.text());
            // With a language model on, it may read a client behaviour after all: that help is then updated in place.
            case NOT_ABOUT_A_CLIENT -> turn.sendActivity(markdown(cards.help(help)))
                    .thenCompose(sent -> updateWithTailored(turn, sent == null ? null : sent.getId(), text, help,
                            coach.remember(text)));
        };
    }

    private CompletableFuture<Void> answerHere(TurnContext turn, String text, Answer answer, long received) {
        Activity activity = turn.getActivity();
        if (answer instanceof Suggestion s) {
            LOG.info("message {}: suggestion {} situation {} round {} in {} ms", activity.getId(), s.behaviourIds(),
                    s.situation(), s.round(), (System.nanoTime() - received) / 1_000_000);
            String token = coach.remember(text);
            return sendCard(turn, cards.suggestion(s, Coach.seed(text), Optional.empty(), token))
                    .thenCompose(cardId -> updateWithTailored(turn, cardId, text, answer, token));
        }
        Clarification c = (Clarification) answer;
        LOG.info("message {}: clarification between {} in {} ms", activity.getId(), c.options(),
                (System.nanoTime() - received) / 1_000_000);
        return sendCard(turn, cards.clarification(c, Coach.seed(text)))
                .thenCompose(cardId -> updateWithTailored(turn, cardId, text, answer, coach.remember(text)));
    }

    /**
     * In a conversation that people outside the organisation can read: the answer goes to the user's
     * 1:1 chat with the bot (created through the connector, as Teams' proactive 1:1 messages are) and
     * the conversation gets one line saying why; when the 1:1 chat cannot be opened (the user has not
     * installed the bot personally), that line asks the user to write in a 1:1 chat instead. With a
     * language model on, the tailored answer is worked out before anything is posted.
     */
    private CompletableFuture<Void> answerPrivately(TurnContext turn, String text, Answer answer, long received) {
        Activity activity = turn.getActivity();
        String token = coach.remember(text);
        Answer shown = answer;
        if (coach.tailorModel().isPresent()) {
            Coach.Tailoring tailored = coach.tailor(text, answer, 0);
            if (tailored.replaces(answer)) {
                shown = tailored.answer();
            }
        }
        ObjectNode card = shown instanceof Suggestion s ? cards.suggestion(s, Coach.seed(text), Optional.empty(), token)
                : shown instanceof Clarification c ? cards.clarification(c, Coach.seed(text)) : cards.helpCard((Help) shown);
        String labels = answer instanceof Suggestion s ? s.behaviourIds().toString()
                : ((Clarification) answer).options().toString();
        ConnectorClient connector = turn.getTurnState().get(BotFrameworkAdapter.CONNECTOR_CLIENT_KEY);
        Optional<String> tenant = tenantOf(activity);
        if (connector == null || tenant.isEmpty() || activity.getFrom() == null) {
            LOG.info("message {}: {} answered privately: no 1:1 chat can be opened, pointed to one in {} ms",
                    activity.getId(), labels, (System.nanoTime() - received) / 1_000_000);
            return sendMarkdown(turn, coach.playbook(answer.language()).label("teams_private_answer_failed"));
        }
        ConversationParameters personal = new ConversationParameters();
        personal.setIsGroup(false);
        personal.setBot(activity.getRecipient());
        // Mutable collections and schema types: the SDK's request validator reflects into what it sends.
        personal.setMembers(new ArrayList<>(List.of(activity.getFrom())));
        personal.setTenantId(tenant.get());
        TeamsChannelData channelData = new TeamsChannelData();
        channelData.setTenant(new TenantInfo(tenant.get()));
        personal.setChannelData(channelData);
        return CompletableFuture.completedFuture(personal)
                // a request the SDK refuses before sending throws here: it becomes a failed future
                .thenCompose(parameters -> connector.getConversations().createConversation(parameters))
                .thenCompose(created -> connector.getConversations()
                        .sendToConversation(created.getId(), MessageFactory.attachment(cards.attachment(card))))
                .handle((sent, error) -> error == null)
                .thenCompose(delivered -> {
                    LOG.info("message {}: {} answered privately ({}) in {} ms", activity.getId(), labels,
                            delivered ? "1:1 chat" : "1:1 chat refused, pointed to one",
                            (System.nanoTime() - received) / 1_000_000);
                    return sendMarkdown(turn, coach.playbook(answer.language())
                            .label(delivered ? "teams_private_answer_sent" : "teams_private_answer_failed"));
                });
    }

    /** {@code tips ...}: weekly-tip schedules for this tenant, answered before anything is interpreted. */
    private CompletableFuture<Void> onTipsCommand(TurnContext turn, String text) {
        Activity activity = turn.getActivity();
        ChannelAccount from = activity.getFrom();
        String user = from == null ? null : from.getAadObjectId() != null ? from.getAadObjectId() : from.getId();
        Language language = activity.getLocale() != null && activity.getLocale().toLowerCase(java.util.Locale.ROOT).startsWith("zh")
                ? Language.ZH : Language.EN;
        if (TipsConversation.isScheduleCommand(text) && !"personal".equalsIgnoreCase(activity.getConversation().getConversationType())) {
            // Weekly tips are coaching too: not scheduled where people outside the organisation read along.
            return audience.of(turn).thenCompose(who -> {
                if (who == ConversationAudience.Audience.OUTSIDE) {
                    LOG.info("message {}: tips schedule refused, conversation readable outside the organisation", activity.getId());
                    return sendMarkdown(turn, coach.playbook(language).label("tips_teams_outside_organisation"));
                }
                return tipsReply(turn, text, user, language);
            });
        }
        return tipsReply(turn, text, user, language);
    }

    private CompletableFuture<Void> tipsReply(TurnContext turn, String text, String user, Language language) {
        Activity activity = turn.getActivity();
        TipsConversation.Reply reply = tips.answer(text, tenantOf(activity), conversationOf(activity), user, language);
        LOG.info("message {}: tips command", activity.getId());
        if (reply instanceof TipsConversation.Reply.Card card) {
            return sendCard(turn, card.card()).thenApply(id -> null);
        }
        return sendMarkdown(turn, ((TipsConversation.Reply.Text) reply).markdown());
    }

    private List<Help> helpInBothLanguages(Help asked) {
        Language other = asked.language() == Language.EN ? Language.ZH : Language.EN;
        return List.of(asked, coach.help(other));
    }

    /** {@code Action.Submit} from an answer card: a message with {@code value} and no text. */
    private CompletableFuture<Void> onCardSubmit(TurnContext turn, JsonNode value) {
        Optional<CardSubmit> parsed = CardSubmit.from(value);
        if (parsed.isEmpty()) {
            LOG.info("message {}: card data not understood", turn.getActivity().getId());
            return sendMarkdown(turn, coach.playbook(Language.EN).label("unknown_request"));
        }
        CardSubmit submit = parsed.get();
        LOG.info("message {}: card button {} for {}", turn.getActivity().getId(), submit.kind().id(), submit.behaviours());
        if (submit.kind().isFeedback()) {
            vote(submit);
            return sendMarkdown(turn, coach.playbook(submit.language()).label("feedback_thanks"));
        }
        ObjectNode card = redraft(submit);
        String cardId = turn.getActivity().getReplyToId();
        if (cardId == null || cardId.isBlank()) {
            return sendCard(turn, card).thenApply(id -> null);
        }
        Activity update = MessageFactory.attachment(cards.attachment(card));
        update.setId(cardId);
        return turn.updateActivity(update)
                .<Void>thenApply(updated -> null)
                .exceptionallyCompose(e -> {
                    LOG.info("message {}: card {} could not be updated ({}), sending a new one",
                            turn.getActivity().getId(), cardId, rootCause(e).getClass().getSimpleName());
                    return sendCard(turn, card).thenApply(id -> null);
                });
    }

    /** {@code Action.Execute} (Universal Actions): answered in the invoke response, which replaces the card. */
    @Override
    protected CompletableFuture<AdaptiveCardInvokeResponse> onAdaptiveCardInvoke(TurnContext turn,
                                                                                  AdaptiveCardInvokeValue invoke) {
        Optional<CardSubmit> parsed = CardSubmit.from(json.mapper().valueToTree(invoke.getAction().getData()));
        AdaptiveCardInvokeResponse response = new AdaptiveCardInvokeResponse();
        if (parsed.isEmpty()) {
            LOG.info("invoke {}: card data not understood", turn.getActivity().getId());
            response.setStatusCode(400);
            response.setType("application/vnd.microsoft.error");
            response.setValue(json.mapper().createObjectNode()
                    .put("code", "BadRequest").put("message", "unknown card action"));
            return CompletableFuture.completedFuture(response);
        }
        CardSubmit submit = parsed.get();
        LOG.info("invoke {}: card action {} for {}", turn.getActivity().getId(), submit.kind().id(), submit.behaviours());
        response.setStatusCode(200);
        if (submit.kind().isFeedback()) {
            vote(submit);
            response.setType("application/vnd.microsoft.activity.message");
            response.setValue(coach.playbook(submit.language()).label("feedback_thanks"));
        } else {
            response.setType(AnswerCards.CONTENT_TYPE);
            response.setValue(redraft(submit));
        }
        return CompletableFuture.completedFuture(response);
    }

    private ObjectNode redraft(CardSubmit submit) {
        Optional<Tone> tone = submit.nextTone();
        Suggestion next = coach.redraft(submit.language(), submit.behaviours(), submit.situations(), submit.seed(),
                submit.nextRound(), tone);
        // With a language model on and the message still remembered: the model is asked again.
        Optional<String> text = coach.recall(submit.message());
        if (text.isPresent()) {
            Coach.Tailoring tailored = coach.tailor(text.get(), next, submit.nextRound());
            if (tailored.replaces(next) && tailored.answer() instanceof Suggestion s) {
                return cards.suggestion(s, submit.seed(), tone, submit.message());
            }
        }
        return cards.suggestion(next, submit.seed(), tone, submit.message());
    }

    private void vote(CardSubmit submit) {
        feedback.record(PLATFORM, submit.behaviours(), submit.principles(), submit.kind() == CardSubmit.Kind.HELPFUL);
    }

    // ---- installation --------------------------------------------------------------------------

    /** Only the bot's own arrival matters; skips the SDK's member lookup for people who join. */
    @Override
    protected CompletableFuture<Void> onTeamsMembersAddedDispatch(List<ChannelAccount> membersAdded, TeamInfo team,
                                                                  TurnContext turn) {
        return includesBot(membersAdded, turn) ? onInstalled(turn) : done();
    }

    @Override
    protected CompletableFuture<Void> onTeamsMembersRemovedDispatch(List<ChannelAccount> membersRemoved, TeamInfo team,
                                                                    TurnContext turn) {
        return includesBot(membersRemoved, turn) ? onUninstalled(turn) : done();
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateAdd(TurnContext turn) {
        return onInstalled(turn);
    }

    @Override
    protected CompletableFuture<Void> onInstallationUpdateRemove(TurnContext turn) {
        return onUninstalled(turn);
    }

    /**
     * Teams announces an installation with a {@code conversationUpdate} and an
     * {@code installationUpdate}; the greeting goes out only for the one that stores the reference first.
     */
    private CompletableFuture<Void> onInstalled(TurnContext turn) {
        Activity activity = turn.getActivity();
        Optional<String> tenant = tenantOf(activity);
        String conversation = conversationOf(activity);
        if (tenant.isEmpty()) {
            LOG.warn("installation {} in conversation {} has no tenant id; reference not stored",
                    activity.getId(), conversation);
            return greet(turn);
        }
        boolean first = references.save(tenant.get(), conversation, referenceJson(activity, conversation));
        LOG.info("installed in tenant {} conversation {} ({})", tenant.get(), conversation, first ? "new" : "known");
        return first ? greet(turn) : done();
    }

    private CompletableFuture<Void> onUninstalled(TurnContext turn) {
        Activity activity = turn.getActivity();
        String conversation = conversationOf(activity);
        tenantOf(activity).ifPresent(tenant -> {
            references.remove(tenant, conversation);
            LOG.info("uninstalled from tenant {} conversation {}", tenant, conversation);
        });
        return done();
    }

    private CompletableFuture<Void> greet(TurnContext turn) {
        String text = coach.playbook(Language.EN).label(GREETING) + "\n\n" + coach.playbook(Language.ZH).label(GREETING);
        return sendMarkdown(turn, text);
    }

    /**
     * The reference proactive messages use: without the activity id (so a tip is a new post, not a
     * reply) and with the channel's own conversation id (without {@code ;messageid=}).
     */
    private String referenceJson(Activity activity, String conversation) {
        ObjectNode reference = json.mapper().valueToTree(activity.getConversationReference());
        reference.remove("activityId");
        if (reference.path("conversation").isObject()) {
            ((ObjectNode) reference.get("conversation")).put("id", conversation);
        }
        return reference.toString();
    }

    // ---- helpers -------------------------------------------------------------------------------

    private static boolean fromABot(Activity activity) {
        ChannelAccount from = activity.getFrom();
        // Teams ids of bots start with "28:", of people with "29:".
        return from != null && (from.getRole() == RoleTypes.BOT || (from.getId() != null && from.getId().startsWith("28:")));
    }

    private static boolean includesBot(List<ChannelAccount> members, TurnContext turn) {
        ChannelAccount bot = turn.getActivity().getRecipient();
        return bot != null && members != null && members.stream().anyMatch(m -> bot.getId().equals(m.getId()));
    }

    private static Optional<String> tenantOf(Activity activity) {
        String tenant = activity.getConversation() == null ? null : activity.getConversation().getTenantId();
        return tenant == null || tenant.isBlank() ? Optional.empty() : Optional.of(tenant);
    }

    private static String conversationOf(Activity activity) {
        return ConversationAudience.conversationKey(activity.getConversation().getId());
    }

    /** Sends a card; completes with the id of the posted activity (null when the channel gave none). */
    private CompletableFuture<String> sendCard(TurnContext turn, ObjectNode card) {
        return turn.sendActivity(MessageFactory.attachment(cards.attachment(card))).thenApply(sent -> sent == null ? null : sent.getId());
    }

    /**
     * With a language model on: the card just posted is updated in place with the tailored answer (once);
     * when the model fails or a guardrail refuses its answer, the offline card stands and nothing else is sent.
     */
    private CompletableFuture<Void> updateWithTailored(TurnContext turn, String cardId, String text, Answer offline,
                                                       String token) {
        if (cardId == null || coach.tailorModel().isEmpty()) {
            return done();
        }
        Coach.Tailoring tailored = coach.tailor(text, offline, 0);
        if (!tailored.replaces(offline)) {
            return done();
        }
        ObjectNode card = tailored.answer() instanceof Suggestion s ? cards.suggestion(s, Coach.seed(text), Optional.empty(), token)
                : cards.helpCard((Help) tailored.answer());
        Activity update = MessageFactory.attachment(cards.attachment(card));
        update.setId(cardId);
        LOG.info("message {}: card {} updated with the tailored answer", turn.getActivity().getId(), cardId);
        return turn.updateActivity(update).<Void>thenApply(updated -> null).exceptionally(e -> {
            LOG.info("message {}: card {} could not be updated with the tailored answer ({})", turn.getActivity().getId(),
                    cardId, rootCause(e).getClass().getSimpleName());
            return null;
        });
    }

    private static CompletableFuture<Void> sendMarkdown(TurnContext turn, String markdown) {
        return turn.sendActivity(markdown(markdown)).thenApply(sent -> null);
    }

    private static Activity markdown(String markdown) {
        Activity message = MessageFactory.text(markdown);
        message.setTextFormat(TextFormatTypes.MARKDOWN);
        return message;
    }

    private static Throwable rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }

    private static CompletableFuture<Void> done() {
        return CompletableFuture.completedFuture(null);
    }
}
