"""Questions no street office answers, however many words they share with an entry.

"电动车买哪个牌子的好" shares 电动车 with an e-bike charging entry, "孩子中考报哪个高中好" shares 孩子
with after-school care, and a sentence encoder finds them close in topic. What they ask for (a brand,
a school, the weather, a translation, the lottery) is outside any representatives' knowledge base,
so such a text is never answered outright: the matching entries are offered as suggestions instead,
one tap away if the resident did mean them. Domain-general lists, Chinese and English.
"""

from __future__ import annotations

import re

_OFF_TOPIC_ZH = re.compile(
    # shopping and recommendations
    r"哪个牌子|什么牌子|买哪个|买哪种|哪家好|哪家靠谱|哪家便宜|好吃|好看的|二手房|房价|"
    # school choice and exams
    r"中考|高考|考试|考证|怎么考|资格证|填志愿|志愿怎么填|报哪个|择校|哪个高中|哪个初中|哪个大学|哪所学校|"
    r"(上小学|上初中|上中学|小升初|入学).{0,8}(报名|划片|材料|手续)|划片|学区|"
    # weather
    r"天气怎么样|天气预报|会下雨|会不会下雨|下不下雨|下雨吗|下雨不|下雪吗|风大不大|气温|多少度|"
    # money games, translation, the bot itself, recipes, travel tickets
    r"彩票|双色球|股票|英语怎么说|英文怎么说|怎么翻译|机器人还是真人|是不是真人|你是真人|"
    r"菜谱|怎么做好吃|火车票|机票|高铁票|航班|宠物医院|兽医|"
    # writing and homework for the resident, jokes and small talk
    r"讲个笑话|讲笑话|说个笑话|写一首|写首|作文|写诗|写.{0,4}简历|帮我翻译|翻成英文|翻成中文|会唱歌|"
    # markets and prices of goods, investments
    r"比特币|买基金|抄底|行情|收购价|多少钱一斤|几块钱一斤|性价比|耐用|"
    # services no street office runs: passports, driving licences, parcels, advertising space,
    # software, airports and malls, pets' illnesses
    r"护照|驾照|驾驶证|快递到哪|广告位|投放广告|编程|源代码|"
    r"机场|商场|狗狗.{0,6}(药|病)|猫咪.{0,6}(药|病)|"
    # a representative's pay
    r"代表(一个月|每个月|每月|一年|每年|的|有)?(多少)?(工资|薪水|月薪|年薪|薪资)"
)
_OFF_TOPIC_EN = re.compile(
    r"\b(weather|forecast|lottery|stocks?|recipe|brand|jokes?|movies?|translate|flights?|vet|exams?)\b|"
    r"\b(poem|essay|bitcoin|crypto|passport|airport|groomer|fertili[sz]er|football|password)\b|"
    r"\b(capital of|how tall|lose weight|used car|best place to buy)\b|"
    r"\b(representatives?|deputy|deputies|reps?)'?s? (salary|pay|wages?)\b|"
    r"\b(going to rain|will it rain|train tickets?|house prices?)\b|"
    r"\bwhich (school|college|university|high school|middle school|primary school)\b|"
    r"\bare you (a )?(bot|robot|human|real person)\b"
)


def off_topic(normalized: str) -> bool:
    """`normalized`: simplified, lower case (normalize.normalize)."""
    if any("\u3400" <= ch <= "\u9fff" for ch in normalized):
        return bool(_OFF_TOPIC_ZH.search(normalized.replace(" ", "")))
    return bool(_OFF_TOPIC_EN.search(normalized))
