package dev.partnerbot.slack.tips;

import dev.partnerbot.core.tips.DeliveryResult;
import dev.partnerbot.core.tips.TipSchedule;

/**
 * Port: posts a schedule's next tip at once, as a manager's test ("send now"). The application
 * implements it with its delivery service; the week's own tip is not consumed.
 */
@FunctionalInterface
public interface TipSender {

    DeliveryResult sendNow(TipSchedule schedule) throws InterruptedException;
}
