"""A small knowledge base written to a temporary folder, and helpers to break it on purpose."""

from __future__ import annotations

import textwrap
from pathlib import Path

DIRECTORY = """\
default_language: zh
home:
  id: home
  name: {zh: 测试街道人大代表之家, en: Test Street Representatives' Home}
  aliases: [代表之家]
  hours: 9:00
  phone: "0532-0000"
stations:
  - id: hehua
    name: {zh: 荷花社区人大代表工作站, en: Hehua Community Representative Station}
    community: {zh: 荷花社区, en: Hehua Community}
    aliases: [荷花站]
    address: {zh: 荷花路1号, en: 1 Hehua Road}
    hours: {zh: 周一 9:00-11:00, en: Mon 9:00-11:00}
  - id: songlin
    name: {zh: 松林社区人大代表工作站, en: Songlin Community Representative Station}
    community: {zh: 松林社区, en: Songlin Community}
representatives:
  - id: zhou-lan
    name: {zh: 周兰, en: Zhou Lan}
    stations: [hehua]
    categories: [lights]
    roles: [health]
    phone: "13800000000"
  - id: sun-weiguo
    name: {zh: 孙卫国, en: Sun Weiguo}
    stations: [songlin]
categories:
  - id: lights
    name: {zh: 路灯道路, en: Street lights & roads}
roles:
  - id: health
    name: {zh: 健康大使, en: Health ambassador}
"""

FAQ = """\
- id: station-hours
  question: {zh: 工作站什么时候开放？, en: "When are the stations open?"}
  alternates:
    zh: [工作站几点开门, 接待时间]
    en: [station opening hours]
  answer: {zh: 每周一上午开放。, en: Monday mornings.}
  related: [how-to-report]
- id: how-to-report
  question: {zh: 怎么反映问题？, en: "How do I report a problem?"}
  alternates: [怎么投诉, 路灯坏了找谁, 有事找谁反映]
  answer: {zh: 发送 /report 按提示填写。, en: Send /report.}
- id: legal-aid
  question: {zh: 怎么申请法律援助？, en: "How do I get legal aid?"}
  alternates:
    zh: [请不起律师怎么办, 免费法律咨询]
    en: [free legal advice]
  answer: {zh: 到代表之家登记。, en: Register at the Home.}
- id: privacy-phone
  question: {zh: 我的电话号码会被别人看到吗？, en: "Will others see my phone number?"}
  answer: {zh: 只有负责的代表能看到。, en: Only the assigned representative.}
- id: parking
  question: {zh: 停车证怎么办理？, en: "How do I get a parking permit?"}
  answer: {zh: 到物业办理。, en: At the property office.}
"""


def write_kb(root: Path, directory: str = DIRECTORY, faq: str = FAQ, extra: dict[str, str] | None = None) -> Path:
    kb = root / "faq"
    kb.mkdir(parents=True, exist_ok=True)
    (kb / "directory.yaml").write_text(directory, encoding="utf-8")
    (kb / "main.yaml").write_text(faq, encoding="utf-8")
    for name, text in (extra or {}).items():
        path = kb / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return kb
