package dev.partnerbot.core.tailor;

/**
 * The port to an optional large language model that tailors PartnerBot's answer to one message: given
 * the message, the offline reading and the situation card, it returns behaviours, reply drafts and a next
 * step written for that message, or the reason it could not (then the offline answer stands). The
 * adapter ({@code llm-adapter}) speaks to OpenAI, Azure OpenAI or Ollama through LangChain4j; everything
 * it returns passes {@link Guardrails} first. Implementations never throw.
 */
public interface Tailor {

    /** One structured call per message. */
    TailorResult tailor(TailorRequest request);

    /** The model's name as configured, shown on tailored answers (e.g. {@code gpt-4o-mini}). */
    String model();
}
