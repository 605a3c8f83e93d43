package dev.partnerbot.benchmarks;

import java.util.List;

/** Realistic messages (not from the training corpus) for timing the coach. */
final class Messages {
    static final List<String> ENGLISH = List.of(
            "They said we pay you, so do what we say.",
            "The client sent the brief at 9pm and wants the full deck by 8am tomorrow.",
            "Their CFO told us the invoice will be paid in six months, not thirty days.",
            "We delivered the launch early and nobody on their side even said thanks.",
            "Every round of feedback adds two more banners, same budget, same deadline.",
            "Their marketing head overruled our media plan and then blamed us when reach dropped.",
            "He called me at 11pm on a Sunday about a font size and expected an answer in five minutes.",
            "The brief changed three times this week and nobody can tell us who signs off.",
            "Their brand manager called our designer useless in front of the whole team.",
            "The client thanked the team in the all-hands and asked us to plan next year together.",
            "Honestly they're lovely people, but they keep asking for free pitch work for every new product.",
            "Procurement wants a 20% discount on work we already delivered, or they'll re-pitch the account.");

    static final List<String> CHINESE = List.of(
            "客户说我们只是乙方，让我们闭嘴照做就行。",
            "晚上十点发来新brief，要求明早九点交完整方案。",
            "客户财务说尾款要等明年审计完才能付。",
            "项目提前上线了，客户那边连句谢谢都没有。",
            "每轮反馈都多加两张海报，预算不变，时间也不变。",
            "他们市场总监否决了我们的投放方案，效果不好又说是我们的问题。",
            "周日晚上十一点打电话问字体大小，要求五分钟内回复。",
            "这周brief改了三次，到现在也没人能拍板。",
            "客户品牌经理当着全组的面说我们设计师没用。",
            "客户在全员大会上感谢了我们团队，还约我们一起做明年的规划。",
            "人挺好的，就是每个新品都要我们免费比稿。",
            "采购要求已经交付的工作打八折，不然就重新比稿。");

    private Messages() {
    }
}
