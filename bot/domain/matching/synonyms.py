"""General synonym groups for a street-office help desk, Chinese and English.

Each group becomes one concept feature (`@name`), so that 几点 and 什么时候, or phone and number, match
each other. These are domain-general lists (no names or phrases of any particular knowledge base); the
Chinese phrases are also matched by pinyin, so a homophone typo (反应 for 反映) still finds its concept.
"""

from __future__ import annotations

CONCEPTS_ZH: dict[str, list[str]] = {
    "time": ["几点", "什么时候", "什么时间", "啥时候", "哪天", "时间", "开门", "开放", "上班", "营业",
             "办公时间", "接待时间", "关门", "下班", "几号", "周几", "星期几", "钟点", "时段"],
    "where": ["在哪", "在哪里", "在哪儿", "哪里", "哪儿", "地址", "位置", "怎么走", "怎么去", "地点",
              "什么地方", "哪个地方", "在什么位置", "去哪", "到哪"],
    "phone": ["电话", "号码", "联系方式", "联系电话", "手机号", "热线", "怎么联系", "联系"],
    "who": ["是谁", "哪位", "找谁", "谁", "什么人", "哪个人"],
    "how": ["怎么", "如何", "怎样", "咋", "怎么办", "什么办法", "方法", "流程", "步骤", "手续"],
    "report": ["投诉", "反映", "举报", "诉求", "报告", "上报", "提交", "报事", "提问题", "递交"],
    "opinion": ["意见", "建议", "提意见", "提建议", "看法", "想法"],
    "lawyer": ["律师", "法律", "法援", "法律援助", "打官司", "法律咨询", "维权", "起诉", "法务"],
    "progress": ["进度", "进展", "结果", "状态", "办了没", "处理到哪", "有结果", "怎么样了", "到哪一步",
                 "处理得怎么样", "有没有处理", "跟进"],
    "rep": ["代表", "人大代表", "议员"],
    "station": ["工作站", "站点", "联络站", "代表站", "服务站"],
    "elderly": ["老人", "老年人", "长者", "老年", "养老", "老年人家", "高龄"],
    "meal": ["吃饭", "食堂", "饭堂", "助餐", "用餐", "午饭", "午餐", "就餐", "餐"],
    "job": ["就业", "找工作", "失业", "岗位", "招聘", "上岗", "再就业", "求职", "工作机会"],
    "repair": ["维修", "报修", "修理", "修", "坏了", "损坏", "不亮", "故障"],
    "light": ["路灯", "灯", "楼道灯", "照明", "灯光"],
    "dispute": ["纠纷", "矛盾", "吵架", "闹矛盾", "调解", "冲突", "争执", "扯皮"],
    "neighbor": ["邻居", "邻里", "楼上", "楼下", "隔壁", "对门"],
    "garbage": ["垃圾", "废品", "厨余", "垃圾分类", "垃圾桶", "废物"],
    "parking": ["停车", "车位", "停车位", "停车证", "停车卡", "泊车"],
    "privacy": ["隐私", "个人信息", "泄露", "泄漏", "信息安全"],
    "language": ["语言", "英文", "中文", "英语", "汉语", "外语"],
    "rate": ["评价", "打分", "评分", "满意", "不满意", "满意度"],
    "property": ["物业", "物业公司", "物管", "管理处"],
    "meet": ["见面", "面对面", "预约", "当面", "接待日", "见代表", "面谈", "约见"],
    "legislation": ["草案", "立法", "法律草案", "法规", "条例"],
    "free": ["免费", "不要钱", "不收费", "不花钱"],
    "apply": ["申请", "办理", "登记", "报名", "申办"],
    "health": ["健康", "医疗", "看病", "医院", "体检", "就医"],
    "cost": ["收费", "多少钱", "费用", "要钱", "价格"],
    "elevator": ["电梯"],
    "noise": ["噪音", "噪声", "扰民", "太吵"],
    "road": ["道路", "马路", "路面", "坑洼"],
    "online": ["网上", "线上", "小程序", "手机上", "在线"],
    "change": ["切换", "更改", "修改", "设置", "改成", "换成"],
    "can": ["能不能", "可不可以", "可以", "能否"],
    "what": ["什么", "啥", "哪些"],
    "culture": ["文化", "文艺", "文体"],
    "invest": ["招商", "投资", "营商"],
    "child": ["孩子", "小孩", "儿童", "子女"],
    "water": ["停水", "漏水", "自来水", "供水"],
}

CONCEPTS_EN: dict[str, list[str]] = {
    "time": ["when", "time", "times", "hour", "hours", "open", "opening", "close", "closing", "schedule"],
    "where": ["where", "address", "location", "located", "locate", "directions", "get to", "how to get"],
    "phone": ["phone", "number", "telephone", "call", "contact", "hotline", "reach"],
    "who": ["who", "whom"],
    "how": ["how"],
    "report": ["complain", "complaint", "complaints", "report", "file", "raise", "submit", "lodge"],
    "opinion": ["opinion", "opinions", "feedback", "suggestion", "suggestions", "comment", "comments",
                "views"],
    "lawyer": ["lawyer", "legal", "law", "attorney", "lawsuit", "sue"],
    "progress": ["status", "progress", "update", "outcome", "result"],
    "rep": ["representative", "representatives", "deputy", "deputies", "delegate", "rep", "reps"],
    "station": ["station", "stations"],
    "elderly": ["elderly", "senior", "seniors", "old people", "aged", "older"],
    "meal": ["meal", "meals", "eat", "lunch", "canteen", "food", "dinner"],
    "job": ["job", "jobs", "employment", "unemployed", "work", "career"],
    "repair": ["repair", "fix", "fixed", "broken", "maintain", "maintenance"],
    "light": ["light", "lights", "lamp", "streetlight", "lighting"],
    "dispute": ["dispute", "disputes", "conflict", "mediation", "mediate", "quarrel", "argument"],
    "neighbor": ["neighbour", "neighbours", "neighbor", "neighbors"],
    "garbage": ["garbage", "rubbish", "trash", "waste", "recycling", "bin"],
    "parking": ["parking", "park", "car"],
    "privacy": ["privacy", "private", "personal", "data"],
    "language": ["language", "english", "chinese"],
    "rate": ["rate", "rating", "review", "satisfied", "satisfaction"],
    "property": ["property", "landlord", "estate"],
    "meet": ["meet", "meeting", "appointment", "book", "in person", "face to face"],
    "legislation": ["draft", "legislation", "bill", "regulation"],
    "free": ["free"],
    "apply": ["apply", "register", "application", "sign up", "enrol", "enroll"],
    "health": ["health", "medical", "doctor", "hospital", "clinic"],
    "cost": ["cost", "fee", "fees", "price", "charge"],
    "elevator": ["elevator", "lift"],
    "noise": ["noise", "noisy", "loud"],
    "road": ["road", "roads", "pothole", "street"],
    "online": ["online", "app", "internet"],
    "change": ["change", "switch", "set", "settings"],
    "culture": ["culture", "cultural", "arts"],
    "invest": ["investment", "invest", "business"],
    "child": ["child", "children", "kid", "kids"],
    "water": ["water"],
}

# English words that carry no meaning for finding an answer.
STOPWORDS_EN = frozenset(
    """a an the is are am was were be been being do does did i me my mine we our you your yours it its
    to of for in on at by with from and or but if then so as this that these those there here
    please can could would should will shall may might must have has had any some there's what's
    hi hello hey thanks thank pls plz im i'm want wanna need like know tell about just also get got
    which what whats""".split()
)
