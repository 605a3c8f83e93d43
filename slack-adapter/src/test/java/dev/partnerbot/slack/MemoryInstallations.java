package dev.partnerbot.slack;

import com.slack.api.bolt.model.Bot;
import com.slack.api.bolt.model.Installer;
import com.slack.api.bolt.model.builtin.DefaultBot;
import com.slack.api.bolt.service.InstallationService;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The installation store port, in memory, standing in for the app's JDBC one. */
final class MemoryInstallations implements InstallationService {
    final Map<String, Bot> bots = new ConcurrentHashMap<>();

    private static String key(String enterpriseId, String teamId) {
        return enterpriseId + "/" + teamId;
    }

    @Override
    public boolean isHistoricalDataEnabled() {
        return false;
    }

    @Override
    public void setHistoricalDataEnabled(boolean enabled) {
        // keeps the latest installation only
    }

    @Override
    public void saveInstallerAndBot(Installer i) {
        DefaultBot bot = new DefaultBot();
        bot.setEnterpriseId(i.getEnterpriseId());
        bot.setTeamId(i.getTeamId());
        bot.setBotId(i.getBotId());
        bot.setBotUserId(i.getBotUserId());
        bot.setBotAccessToken(i.getBotAccessToken());
        bot.setBotScope(i.getBotScope());
        bot.setIsEnterpriseInstall(i.getIsEnterpriseInstall());
        bot.setInstalledAt(i.getInstalledAt());
        saveBot(bot);
    }

    @Override
    public void saveBot(Bot bot) {
        bots.put(key(bot.getEnterpriseId(), bot.getTeamId()), bot);
    }

    @Override
    public void deleteBot(Bot bot) {
        bots.remove(key(bot.getEnterpriseId(), bot.getTeamId()));
    }

    @Override
    public void deleteInstaller(Installer installer) {
        // no user tokens are kept
    }

    @Override
    public Bot findBot(String enterpriseId, String teamId) {
        return bots.get(key(enterpriseId, teamId));
    }

    @Override
    public Installer findInstaller(String enterpriseId, String teamId, String userId) {
        return null;
    }

    @Override
    public void deleteAll(String enterpriseId, String teamId) {
        bots.remove(key(enterpriseId, teamId));
    }
}
