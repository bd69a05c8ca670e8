"""Texts by key and language. Templates use Telegram HTML; `{name}` values are escaped by `t()`."""

_BACK = {
    "zh": "\n\n<i>/back 返回上一步 · /cancel 取消</i>",
    "en": "\n\n<i>/back goes back a step · /cancel leaves</i>",
}
_CANCEL = {
    "zh": "\n\n<i>/cancel 取消</i>",
    "en": "\n\n<i>/cancel leaves</i>",
}

CATALOG: dict[str, dict[str, str]] = {
    # Menu and general ----------------------------------------------------------------------
    "menu.report": {"zh": "📝 反映问题", "en": "📝 Report a matter"},
    "menu.mycases": {"zh": "📋 我的事项", "en": "📋 My matters"},
    "menu.stations": {"zh": "📍 工作站与代表", "en": "📍 Stations & reps"},
    "menu.help": {"zh": "❓ 帮助", "en": "❓ Help"},
    "menu.lang": {"zh": "🌐 English", "en": "🌐 中文"},
    "start.resident": {
        "zh": "您好，{name}！我是「连心」，{home}的联络助手。\n\n"
        "• 有民生小事（路灯、卫生、物业、邻里、就业、法律援助……）要反映，请按「📝 反映问题」或发送 /report，"
        "我会把它交给负责的人大代表，并一直跟进到办结。\n"
        "• 想了解工作站、代表或办事流程，直接打字问我就行。\n"
        "• /mycases 查看您反映过的事项。\n\n"
        "紧急情况请直接拨打 110 / 120 / 119。",
        "en": "Hello, {name}! I am Lianxin, the contact assistant of {home}.\n\n"
        "• To report a livelihood matter (street lights, sanitation, property, neighbours, jobs, "
        "legal aid…), press “📝 Report a matter” or send /report: I pass it to the right "
        "representative and follow it until it is resolved.\n"
        "• To ask about stations, representatives or how things work, just type your question.\n"
        "• /mycases shows the matters you have reported.\n\n"
        "In an emergency call 110 / 120 / 119.",
    },
    "help": {
        "zh": "<b>可以这样使用「连心」</b>\n"
        "/report 反映一件民生小事（约一分钟）\n"
        "/mycases 查看我的事项、补充信息、评价办理结果\n"
        "/stations 查找社区工作站和人大代表\n"
        "/lang 切换语言（中文 / English）\n"
        "/cancel 随时退出当前步骤\n\n"
        "也可以直接打字提问，例如「{community}工作站在哪」「怎么申请法律援助」。\n"
        "您的手机号只有在您选择分享时，才会交给负责的代表。",
        "en": "<b>How to use Lianxin</b>\n"
        "/report report a livelihood matter (about a minute)\n"
        "/mycases see your matters, add information, rate the outcome\n"
        "/stations find community stations and representatives\n"
        "/lang switch language (中文 / English)\n"
        "/cancel leave the current step at any time\n\n"
        "You can also just type a question, e.g. “Where is the {community} station?” or "
        "“How do I get legal aid?”.\n"
        "Your phone number goes to the representative handling your matter only if you choose to share it.",
    },
    "help.rep": {
        "zh": "<b>作为人大代表</b>\n"
        "/cases 查看您的待办事项\n"
        "新事项以卡片发到这里：按「接单」开始办理；直接回复卡片（或按「回复」）即可把话转给居民，"
        "居民看不到您的 Telegram 账号；办完按「办结」并写明结果。",
        "en": "<b>As a representative</b>\n"
        "/cases lists your open matters\n"
        "New matters arrive here as cards: press Accept to take one; reply to a card (or press Reply) "
        "to pass a message to the resident, who does not see your Telegram account; press Resolve and "
        "write the outcome when it is done.",
    },
    "lang.switched": {"zh": "已切换为中文。", "en": "Switched to English."},
    "cancelled": {"zh": "已取消，什么也没有提交。需要时再发送 /report。", "en": "Cancelled; nothing was submitted. Send /report whenever you need."},
    "edit_not_seen": {
        "zh": "✏️ 修改已发出的消息，我这边看不到改动。如需更正，请把正确的内容重新发一条。",
        "en": "✏️ I can't see edits to messages already sent. To correct something, please send it again as a new message.",
    },
    "message_cancelled": {"zh": "已取消，这条留言没有发出。", "en": "Cancelled; nothing was sent."},
    "resolve_cancelled": {"zh": "已取消，{ref} 还没有办结。", "en": "Cancelled; {ref} is not resolved."},
    "nothing_to_cancel": {"zh": "当前没有进行中的操作。", "en": "There is nothing to cancel."},
    "unknown_command": {
        "zh": "这个命令在这里用不了。发送 /help 看看我能做什么。",
        "en": "That command is not available here. Send /help to see what I can do.",
    },
    "stale_button": {"zh": "这个按钮已失效，请重新操作。", "en": "This button is no longer valid; please start again."},
    "not_your_button": {"zh": "这个按钮不属于您。", "en": "This button is not yours."},
    "not_allowed": {"zh": "抱歉，您没有权限使用这个命令。", "en": "Sorry, you are not allowed to use this command."},
    "error.generic": {
        "zh": "抱歉，处理时出了点问题，您的内容没有丢失。请稍后再试，或发送 /cancel 重新开始。",
        "en": "Sorry, something went wrong; nothing you sent was lost. Please try again, or send /cancel to start over.",
    },
    "unsupported_media": {
        "zh": "暂时无法处理这类消息（语音、视频、贴纸或文件）。请用文字描述，照片可以直接发送。",
        "en": "I can't handle this kind of message (voice, video, sticker or file) yet. Please describe it in text; photos are fine.",
    },
    "photo_outside_flow": {
        "zh": "收到照片。要反映问题请先发送 /report（照片在第4步发送）；要给已有事项补充照片，请回复该事项的消息，或在 /mycases 里按「补充信息」。",
        "en": "Photo received. To report a matter, send /report first (photos come at step 4); to add a photo to an existing matter, reply to its message or use “Add a message” in /mycases.",
    },
    # Filing a matter ---------------------------------------------------------------------------
    "report.ask_station": {
        "zh": "<b>反映问题 · 第1步/共6步</b>\n这件事发生在哪个社区？请选择，或按下方按钮分享位置，我来找最近的工作站。" + _CANCEL["zh"],
        "en": "<b>Report · Step 1 of 6</b>\nWhich community is it in? Choose one, or share your location below and I will find the nearest station." + _CANCEL["en"],
    },
    "report.share_location": {"zh": "📍 分享我的位置", "en": "📍 Share my location"},
    "report.location_hint": {
        "zh": "📍 也可以按下方「分享我的位置」，我来找离您最近的工作站。",
        "en": "📍 You can also press “Share my location” below and I will find the nearest station.",
    },
    "stations.location_hint": {
        "zh": "📍 按下方「分享我的位置」可查找离您最近的工作站。",
        "en": "📍 Press “Share my location” below to find the nearest station.",
    },
    "report.nearest": {
        "zh": "离您最近的是 <b>{station}</b>（约 {distance}）。就选这个吗？",
        "en": "The nearest is <b>{station}</b> (about {distance}). Use it?",
    },
    "report.no_located_station": {
        "zh": "没能根据位置找到工作站，请从列表中选择社区。",
        "en": "I could not find a station from that location; please choose a community from the list.",
    },
    "report.yes": {"zh": "✅ 是的", "en": "✅ Yes"},
    "report.other_station": {"zh": "选择其他社区", "en": "Choose another"},
    "report.ask_category": {
        "zh": "<b>第2步/共6步</b> · {station}\n是哪一类问题？" + _BACK["zh"],
        "en": "<b>Step 2 of 6</b> · {station}\nWhat kind of matter is it?" + _BACK["en"],
    },
    "report.ask_description": {
        "zh": "<b>第3步/共6步</b> · {category}\n请用文字描述具体情况：在哪里、什么问题、持续多久了。" + _BACK["zh"],
        "en": "<b>Step 3 of 6</b> · {category}\nPlease describe it in words: where, what is wrong, and for how long." + _BACK["en"],
    },
    "report.description_prefilled": {
        "zh": "我已把您刚才的话作为描述：\n<blockquote>{text}</blockquote>\n按「使用这段描述」继续，或直接发送新的描述。",
        "en": "I took what you wrote as the description:\n<blockquote>{text}</blockquote>\nPress “Use this description” to continue, or send a new one.",
    },
    "report.use_prefill": {"zh": "✅ 使用这段描述", "en": "✅ Use this description"},
    "report.description_too_short": {
        "zh": "描述有点太短了（至少 {min} 个字），请再具体说说：在哪里、什么问题。",
        "en": "That is a bit short (at least {min} characters). Please say where it is and what is wrong.",
    },
    "report.description_needs_text": {
        "zh": "这一步需要文字描述。照片可以在下一步发送。",
        "en": "This step needs a written description. You can send photos in the next step.",
    },
    "report.ask_photos": {
        "zh": "<b>第4步/共6步</b>\n有照片吗？最多可发 {max} 张。没有的话按「跳过」或发送 /skip。" + _BACK["zh"],
        "en": "<b>Step 4 of 6</b>\nAny photos? You can send up to {max}. If not, press Skip or send /skip." + _BACK["en"],
    },
    "report.photo_received": {
        "zh": "已收到第 {count} 张照片（最多 {max} 张）。可以继续发送，或按「完成」。",
        "en": "Photo {count} received (up to {max}). Send more, or press Done.",
    },
    "report.photos_full": {
        "zh": "已经有 {max} 张照片了，这张没有添加。请按「完成」继续。",
        "en": "You already have {max} photos; this one was not added. Press Done to continue.",
    },
    "report.photos_need_photo": {
        "zh": "请发送照片，或按「跳过」/「完成」继续。",
        "en": "Please send a photo, or press Skip / Done to continue.",
    },
    "report.skip": {"zh": "跳过", "en": "Skip"},
    "report.done": {"zh": "完成", "en": "Done"},
    "report.ask_contact": {
        "zh": "<b>第5步/共6步</b>\n愿意留下手机号，方便代表联系您吗？按下方「📱 分享手机号」，或按「跳过」不留号码（代表仍可通过本机器人回复您）。" + _BACK["zh"],
        "en": "<b>Step 5 of 6</b>\nWould you like to leave your phone number so the representative can call you? Press “📱 Share my phone number”, or Skip (the representative can still answer you through this bot)." + _BACK["en"],
    },
    "report.share_contact": {"zh": "📱 分享手机号", "en": "📱 Share my phone number"},
    "report.contact_not_own": {
        "zh": "这似乎是别人的联系人名片。请用「📱 分享手机号」分享您自己的号码，或按「跳过」。",
        "en": "That looks like someone else's contact card. Use “📱 Share my phone number” to share your own, or Skip.",
    },
    "report.contact_saved": {"zh": "已记下您的手机号，只会交给负责的代表。", "en": "Phone number noted; only the representative handling it will see it."},
    "report.contact_skipped": {"zh": "好的，不留手机号。", "en": "OK, no phone number."},
    "report.review": {
        "zh": "<b>第6步/共6步 · 请确认</b>\n社区：{station}\n类别：{category}\n描述：{description}\n照片：{photos} 张\n位置：{location}\n手机号：{contact}\n\n确认无误请按「提交」。",
        "en": "<b>Step 6 of 6 · please check</b>\nCommunity: {station}\nCategory: {category}\nDescription: {description}\nPhotos: {photos}\nLocation: {location}\nPhone: {contact}\n\nPress Submit if this is right.",
    },
    "report.not_shared": {"zh": "未提供", "en": "not shared"},
    "report.submit": {"zh": "✅ 提交", "en": "✅ Submit"},
    "report.edit": {"zh": "✏️ 修改", "en": "✏️ Edit"},
    "report.cancel": {"zh": "✖️ 取消", "en": "✖️ Cancel"},
    "report.back": {"zh": "⬅️ 返回", "en": "⬅️ Back"},
    "report.ask_edit": {"zh": "要修改哪一项？", "en": "What would you like to change?"},
    "report.edit_station": {"zh": "社区", "en": "Community"},
    "report.edit_category": {"zh": "类别", "en": "Category"},
    "report.edit_description": {"zh": "描述", "en": "Description"},
    "report.edit_photos": {"zh": "照片", "en": "Photos"},
    "report.edit_contact": {"zh": "手机号", "en": "Phone"},
    "report.use_buttons": {
        "zh": "请使用上面的按钮选择。" ,
        "en": "Please choose with the buttons above.",
    },
    "report.submitted": {
        "zh": "✅ 已提交，编号 <b>{ref}</b>。\n已交给：{owner}。\n\n接下来：代表接单后会通知您；代表的回复会在这里转给您，您直接回复那条消息即可补充。办结后请为办理结果打分。随时可用 /mycases 查看进度。",
        "en": "✅ Submitted as <b>{ref}</b>.\nIt went to: {owner}.\n\nWhat happens next: you are told when the representative accepts it; their replies reach you here, and you can answer by replying to them. When it is resolved you will be asked to rate the outcome. /mycases shows progress at any time.",
    },
    "report.owner_admin": {"zh": "街道人大工作室（由工作人员分派）", "en": "the street office (staff will assign it)"},
    "report.daily_limit": {
        "zh": "您今天已经提交了 {count} 件事项，达到每日上限。明天可以继续提交；急事请直接联系工作站电话 {phone}。",
        "en": "You have already filed {count} matters today, which is the daily limit. You can file more tomorrow; for urgent matters call the station at {phone}.",
    },
    "report.station_gone": {
        "zh": "您选择的工作站已不在名录中，请重新选择。",
        "en": "The station you chose is no longer in the directory; please choose again.",
    },
    # A case, as residents see it ----------------------------------------------------------------
    "status.new": {"zh": "已提交", "en": "submitted"},
    "status.assigned": {"zh": "待接单", "en": "waiting for a representative"},
    "status.accepted": {"zh": "办理中", "en": "in progress"},
    "status.resolved": {"zh": "已办结，待评价", "en": "resolved, waiting for your rating"},
    "status.closed": {"zh": "已完结", "en": "closed"},
    "mycases.empty": {"zh": "您还没有反映过事项。发送 /report 开始。", "en": "You have not reported any matters yet. Send /report to start."},
    "mycases.header": {"zh": "<b>我的事项</b>（最近 {count} 件），点按查看详情：", "en": "<b>My matters</b> (latest {count}); press one for details:"},
    "mycases.line": {"zh": "{ref} · {status} · 更新于 {updated}", "en": "{ref} · {status} · updated {updated}"},
    "case.detail": {
        "zh": "<b>{ref}</b> · {status}\n社区：{station}\n类别：{category}\n负责：{owner}\n描述：{description}\n\n<b>经过</b>\n{history}",
        "en": "<b>{ref}</b> · {status}\nCommunity: {station}\nCategory: {category}\nHandled by: {owner}\nDescription: {description}\n\n<b>History</b>\n{history}",
    },
    "case.add_message": {"zh": "💬 补充信息", "en": "💬 Add a message"},
    "case.ask_message": {
        "zh": "请发送要转给代表的文字或照片（{ref}）。" + _CANCEL["zh"],
        "en": "Send the text or photo to pass to the representative ({ref})." + _CANCEL["en"],
    },
    "case.message_sent": {"zh": "已转给负责人（{ref}）。", "en": "Passed on ({ref})."},
    "case.closed_no_messages": {"zh": "{ref} 已完结，不能再补充信息。如有新问题请发送 /report。", "en": "{ref} is closed; to raise something new, send /report."},
    "case.unassigned_owner": {"zh": "待分派", "en": "not assigned yet"},
    "event.created": {"zh": "提交", "en": "submitted"},
    "event.assigned": {"zh": "交给 {to}", "en": "sent to {to}"},
    "event.accepted": {"zh": "{who} 接单", "en": "accepted by {who}"},
    "event.message": {"zh": "{who} 留言", "en": "message from {who}"},
    "event.transferred": {"zh": "转交给 {to}", "en": "transferred to {to}"},
    "event.escalated": {"zh": "超时未接单，已上报街道", "en": "escalated to the street office"},
    "event.reminded": {"zh": "已提醒代表", "en": "representative reminded"},
    "event.resolved": {"zh": "办结：{note}", "en": "resolved: {note}"},
    "event.rated": {"zh": "评价 {stars}", "en": "rated {stars}"},
    "event.closed": {"zh": "完结", "en": "closed"},
    "event.reopened": {"zh": "重新处理", "en": "reopened"},
    "who.resident": {"zh": "居民", "en": "resident"},
    "who.system": {"zh": "系统", "en": "system"},
    "who.admin": {"zh": "街道工作人员", "en": "street office"},
    # Notices to residents ------------------------------------------------------------------------
    "notice.accepted": {
        "zh": "📌 <b>{ref}</b>：{rep} 代表已接单，正在办理。",
        "en": "📌 <b>{ref}</b>: representative {rep} has accepted it and is working on it.",
    },
    "notice.rep_message": {
        "zh": "💬 <b>{ref}</b> · {rep} 代表：\n{text}\n\n<i>直接回复这条消息即可回复代表。</i>",
        "en": "💬 <b>{ref}</b> · representative {rep}:\n{text}\n\n<i>Reply to this message to answer.</i>",
    },
    "notice.rep_photo": {"zh": "📷 <b>{ref}</b> · {rep} 代表发来照片", "en": "📷 <b>{ref}</b> · photo from representative {rep}"},
    "notice.transferred": {
        "zh": "🔄 <b>{ref}</b> 已转交给 {to} 继续办理。",
        "en": "🔄 <b>{ref}</b> was transferred to {to}.",
    },
    "notice.resolved": {
        "zh": "✅ <b>{ref}</b> 已办结。\n办理结果：{note}\n\n请为办理结果打分（1 最差，5 最好）：",
        "en": "✅ <b>{ref}</b> is resolved.\nOutcome: {note}\n\nPlease rate the outcome (1 worst, 5 best):",
    },
    "notice.reassigned_unreachable": {
        "zh": "🔄 <b>{ref}</b>：原代表暂时联系不上，已转交给 {to}。",
        "en": "🔄 <b>{ref}</b>: the representative could not be reached, so it went to {to}.",
    },
    "rate.thanks": {
        "zh": "谢谢您的评价（{stars}）！想补充一句评语吗？直接发送文字，或按「跳过」。",
        "en": "Thank you for rating ({stars})! Would you like to add a comment? Send it, or press Skip.",
    },
    "rate.comment_saved": {"zh": "评语已记录，谢谢！{ref} 已完结。", "en": "Comment saved, thank you! {ref} is closed."},
    "rate.done": {"zh": "好的，{ref} 已完结。感谢您的反馈！", "en": "OK, {ref} is closed. Thank you for your feedback!"},
    "rate.already": {"zh": "这件事已经评价过了。", "en": "This matter has already been rated."},
    # Representatives -------------------------------------------------------------------------------
    "rep.welcome": {
        "zh": "您好，{name} 代表！您已绑定为「连心」的人大代表账号。新事项会以卡片形式发到这里，按「接单」开始办理。\n/cases 查看您的待办事项。",
        "en": "Hello, representative {name}! This account is bound to you in Lianxin. New matters arrive here as cards; press Accept to take one.\n/cases lists your open matters.",
    },
    "rep.invite_invalid": {
        "zh": "这个邀请链接无效、已使用或已过期。请向街道工作人员索取新的链接。",
        "en": "This invite link is invalid, used or expired. Please ask the street office for a new one.",
    },
    "rep.card": {
        "zh": "🆕 <b>{ref}</b> · {status}\n社区：{station}\n类别：{category}\n描述：{description}{extras}",
        "en": "🆕 <b>{ref}</b> · {status}\nCommunity: {station}\nCategory: {category}\nDescription: {description}{extras}",
    },
    "rep.card_photos": {"zh": "\n照片：{count} 张（见下方）", "en": "\nPhotos: {count} (below)"},
    "rep.card_location": {"zh": "\n位置：{lat}, {lon}", "en": "\nLocation: {lat}, {lon}"},
    "rep.card_contact": {"zh": "\n居民手机：{phone}", "en": "\nResident's phone: {phone}"},
    "rep.card_contact_hidden": {"zh": "\n居民留了手机号，分派后仅负责代表可见。", "en": "\nThe resident shared a phone number; only the assigned representative will see it."},
    "rep.card_no_contact": {"zh": "\n居民未留手机号，请通过本机器人回复。", "en": "\nNo phone shared; answer through this bot."},
    "rep.card_hint": {
        "zh": "\n\n<i>回复这条消息，或按「回复」，即可给居民留言。</i>",
        "en": "\n\n<i>Reply to this message, or press Reply, to write to the resident.</i>",
    },
    "rep.card_photo_caption": {"zh": "{ref} · 照片 {n}", "en": "{ref} · photo {n}"},
    "rep.accept": {"zh": "✅ 接单", "en": "✅ Accept"},
    "rep.reply": {"zh": "💬 回复", "en": "💬 Reply"},
    "rep.transfer": {"zh": "🔄 转交", "en": "🔄 Transfer"},
    "rep.resolve": {"zh": "🏁 办结", "en": "🏁 Resolve"},
    "rep.accepted": {"zh": "您已接单 {ref}。", "en": "You accepted {ref}."},
    "rep.already_accepted": {"zh": "{ref} 已由 {who} 接单。", "en": "{ref} was already accepted by {who}."},
    "rep.not_yours": {"zh": "{ref} 目前不由您负责。", "en": "{ref} is not assigned to you."},
    "rep.case_closed": {"zh": "{ref} 已办结。", "en": "{ref} is already resolved."},
    "rep.ask_reply": {
        "zh": "请发送给居民的回复（文字或照片），编号 {ref}。" + _CANCEL["zh"],
        "en": "Send your reply to the resident (text or photo) for {ref}." + _CANCEL["en"],
    },
    "rep.reply_sent": {"zh": "已转给居民（{ref}）。", "en": "Sent to the resident ({ref})."},
    "rep.resident_message": {
        "zh": "💬 <b>{ref}</b> · 居民：\n{text}\n\n<i>回复这条消息即可回复居民。</i>",
        "en": "💬 <b>{ref}</b> · resident:\n{text}\n\n<i>Reply to this message to answer.</i>",
    },
    "rep.resident_photo": {"zh": "📷 <b>{ref}</b> · 居民发来照片", "en": "📷 <b>{ref}</b> · photo from the resident"},
    "rep.ask_resolution": {
        "zh": "请简要说明办理结果（将发给居民），编号 {ref}。" + _CANCEL["zh"],
        "en": "Briefly describe the outcome (the resident will see it) for {ref}." + _CANCEL["en"],
    },
    "rep.resolution_too_short": {"zh": "请至少写 {min} 个字。", "en": "Please write at least {min} characters."},
    "rep.resolved": {"zh": "已办结 {ref}，已请居民评价。", "en": "{ref} resolved; the resident has been asked to rate it."},
    "rep.pick_transfer": {"zh": "把 {ref} 转交给谁？", "en": "Transfer {ref} to whom?"},
    "rep.keep": {"zh": "↩️ 不转交了", "en": "↩️ Keep it"},
    "rep.kept": {"zh": "{ref} 没有转交，仍由您办理。", "en": "{ref} was not transferred; it stays with you."},
    "rep.to_admin": {"zh": "街道工作人员", "en": "Street office"},
    "rep.transferred": {"zh": "{ref} 已转交给 {to}。", "en": "{ref} transferred to {to}."},
    "rep.transferred_in": {"zh": "🔄 {ref} 由 {from_} 转交给您。", "en": "🔄 {ref} was transferred to you by {from_}."},
    "rep.no_cases": {"zh": "您目前没有待办事项。", "en": "You have no open matters."},
    "rep.cases_header": {"zh": "<b>您的待办事项</b>（最早的在前）：", "en": "<b>Your open matters</b> (oldest first):"},
    "rep.cases_line": {"zh": "{ref} · {status} · {category} · {since}", "en": "{ref} · {status} · {category} · since {since}"},
    "rep.reminder": {
        "zh": "⏰ <b>{ref}</b> 还在等您接单（已等 {waited}）。",
        "en": "⏰ <b>{ref}</b> is still waiting for you to accept it ({waited}).",
    },
    "rep.rated": {"zh": "⭐ {ref} 居民评价：{stars}", "en": "⭐ {ref} rated by the resident: {stars}"},
    "rep.rating_comment": {"zh": "💬 {ref} 居民的评语：\n{comment}", "en": "💬 {ref} · the resident's comment:\n{comment}"},
    "rep.only_reps": {"zh": "这个命令只供人大代表使用。", "en": "This command is for representatives only."},
    "rep.send_text_or_photo": {"zh": "请发送文字或照片。", "en": "Please send text or a photo."},
    # Admin chat --------------------------------------------------------------------------------------
    "admin.unroutable": {
        "zh": "📥 <b>{ref}</b> 无可用代表，请分派：/assign {ref} &lt;代表id&gt;\n{card}",
        "en": "📥 <b>{ref}</b> has no reachable representative; assign it: /assign {ref} &lt;rep-id&gt;\n{card}",
    },
    "admin.escalated": {
        "zh": "⚠️ <b>{ref}</b> 超过 {waited} 无人接单（{owner}）。可用 /assign {ref} &lt;代表id&gt; 改派。\n{card}",
        "en": "⚠️ <b>{ref}</b> has waited {waited} without being accepted ({owner}). Reassign with /assign {ref} &lt;rep-id&gt;.\n{card}",
    },
    "admin.rep_blocked": {
        "zh": "🚫 代表 {rep} 无法接收消息（{reason}）。{ref} 已转交给 {outcome}。",
        "en": "🚫 Representative {rep} cannot receive messages ({reason}). {ref} went to {outcome}.",
    },
    "admin.delivery_failed": {
        "zh": "⚠️ 发给 {who} 的消息无法送达（{reason}），事项 {ref}。",
        "en": "⚠️ A message to {who} could not be delivered ({reason}), matter {ref}.",
    },
    "admin.transferred_in": {
        "zh": "🔄 <b>{ref}</b> 由 {from_} 转交给街道，请分派：/assign {ref} &lt;代表id&gt;\n{card}",
        "en": "🔄 <b>{ref}</b> was handed to the street office by {from_}; assign it: /assign {ref} &lt;rep-id&gt;\n{card}",
    },
    "admin.assign_usage": {"zh": "用法：/assign 编号 代表id", "en": "Usage: /assign REF rep-id"},
    "admin.assign_done": {"zh": "{ref} 已分派给 {rep}。", "en": "{ref} assigned to {rep}."},
    "admin.assign_unknown_case": {"zh": "找不到事项 {ref}。", "en": "No matter {ref}."},
    "admin.assign_unknown_rep": {"zh": "找不到代表 {rep}，或其尚未启用机器人。", "en": "No reachable representative {rep}."},
    "admin.assign_closed": {"zh": "{ref} 已办结，不能再分派。", "en": "{ref} is already resolved."},
    "stations.nearest": {"zh": "📍 离您最近的工作站（约 {distance}）：", "en": "📍 The station nearest to you (about {distance}):"},
    "admin.invite_usage": {"zh": "用法：/invite 代表id", "en": "Usage: /invite rep-id"},
    "admin.rep_ids": {"zh": "\n可用的代表id：{ids}", "en": "\nRepresentative ids: {ids}"},
    "admin.no_reachable_reps": {
        "zh": "\n目前还没有代表启用机器人，请先用 /invite 代表id 发邀请链接。",
        "en": "\nNo representative has started the bot yet: send one an invite with /invite rep-id.",
    },
    "admin.invite": {
        "zh": "给 {rep} 的一次性邀请链接（{hours} 小时内有效）：\n{link}",
        "en": "One-time invite link for {rep} (valid {hours} h):\n{link}",
    },
    "admin.reload_ok": {"zh": "知识库已重新加载：{summary}", "en": "Knowledge base reloaded: {summary}"},
    "admin.reload_failed": {
        "zh": "⚠️ 知识库有错误，仍在使用上一个有效版本：\n<pre>{problems}</pre>",
        "en": "⚠️ The knowledge base has errors; the last good version keeps serving:\n<pre>{problems}</pre>",
    },
    "admin.unanswered_empty": {"zh": "暂无未能回答的问题。", "en": "No unanswered questions yet."},
    "admin.unanswered_header": {"zh": "<b>居民问得最多、却没答上的问题</b>：", "en": "<b>Most frequent questions without a good answer</b>:"},
    "admin.unanswered_line": {"zh": "{count}× {text}（{status}）", "en": "{count}× {text} ({status})"},
    "admin.unanswered_score": {"zh": "最高分 {score}", "en": "best score {score}"},
    "admin.unanswered_now_answered": {"zh": "现在已能回答：{entry}", "en": "answered now: {entry}"},
    "admin.unanswered_off_topic": {"zh": "超出街道的服务范围", "en": "outside what a street office answers"},
    "admin.stats": {
        "zh": "<b>统计</b>\n按状态：{by_status}\n按社区：{by_station}\n按类别：{by_category}\n平均接单用时：{accept}\n平均首次回复用时：{reply}\n平均办结用时：{resolve}\n满意度：{rating}",
        "en": "<b>Statistics</b>\nBy status: {by_status}\nBy community: {by_station}\nBy category: {by_category}\nMean time to accept: {accept}\nMean time to first reply: {reply}\nMean time to resolve: {resolve}\nSatisfaction: {rating}",
    },
    "admin.export_caption": {"zh": "全部事项（CSV）", "en": "All matters (CSV)"},
    # Questions and answers -------------------------------------------------------------------------
    "faq.did_you_mean": {
        "zh": "我不太确定您问的是哪一个，是下面这些吗？如果是要反映问题，请按「📝 作为问题反映」。",
        "en": "I am not sure what you mean. Is it one of these? If you want something fixed, press “📝 Report this”.",
    },
    "faq.report_offer": {
        "zh": "听起来这是一件需要代表帮忙解决的事。要把它作为问题反映吗？我会交给负责的人大代表跟进。",
        "en": "This sounds like something a representative should help fix. Shall I file it as a matter? I will pass it to the responsible representative.",
    },
    "faq.report_offer_or": {
        "zh": "听起来这是一件需要代表帮忙解决的事。要把它作为问题反映吗？我会交给负责的人大代表跟进。如果您只是想了解情况，下面的问题也许有答案。",
        "en": "This sounds like something a representative should help fix. Shall I file it as a matter? I will pass it to the responsible representative. If you only wanted information, one of the questions below may answer it.",
    },
    "faq.report_this": {"zh": "📝 作为问题反映", "en": "📝 Report this"},
    "faq.off_topic": {
        "zh": "这个问题超出了我能回答的范围。我能解答关于人大代表、工作站和反映民生小事的问题；需要代表帮忙解决的事请发送 /report。",
        "en": "That is outside what I can answer. I can help with questions about representatives, stations and filing everyday matters; to get something fixed, send /report.",
    },
    "faq.off_topic_related": {
        "zh": "这个问题超出了我能回答的范围，不过下面这些也许和您想问的有关：",
        "en": "That is outside what I can answer, but these may be close to what you want to know:",
    },
    "faq.your_case": {
        "zh": "您的事项 {ref} 当前状态：{status}。点下面查看办理经过，或给代表留言。",
        "en": "Your matter {ref} is {status}. Tap below to see what has happened, or to add a message.",
    },
    "smalltalk.greeting": {
        "zh": "您好！我是「连心」。有民生小事要反映，请按「📝 反映问题」或发送 /report；想了解工作站、代表或办事流程，直接打字问我就行。",
        "en": "Hello! I'm Lianxin. To report a local problem, press 📝 Report a matter or send /report; to ask about stations, representatives or how things work, just type your question.",
    },
    "smalltalk.thanks": {"zh": "不客气！还有什么事随时找我。", "en": "You're welcome! Ask me anytime."},
    "smalltalk.bye": {"zh": "再见！有事随时找我。", "en": "Goodbye! I'm here whenever you need me."},
    "smalltalk.ok": {
        "zh": "好的。还需要什么，直接打字告诉我，或发送 /help 看看我能做什么。",
        "en": "OK. If you need anything else, just type it, or send /help to see what I can do.",
    },
    "faq.unknown": {
        "zh": "抱歉，这个问题我暂时答不上来，已记录下来交给工作人员完善。您可以换个说法，或发送 /help 看看我能做什么；需要代表帮忙解决的事请发送 /report。",
        "en": "Sorry, I can't answer that yet; I have noted it for the street office. Try other words, or send /help to see what I can do; to get something fixed, send /report.",
    },
    "faq.related": {"zh": "相关问题：", "en": "Related:"},
    "faq.not_available": {"zh": "这个答案已经不在知识库里了。", "en": "That answer is no longer in the knowledge base."},
    # Stations and cards ----------------------------------------------------------------------------
    "stations.pick": {"zh": "请选择社区，或分享位置查找最近的工作站：", "en": "Choose a community, or share your location to find the nearest station:"},
    "stations.home_button": {"zh": "🏛 {name}", "en": "🏛 {name}"},
    "card.station": {
        "zh": "🏢 <b>{name}</b>\n社区：{community}\n地址：{address}\n开放时间：{hours}\n电话：{phone}{points}",
        "en": "🏢 <b>{name}</b>\nCommunity: {community}\nAddress: {address}\nHours: {hours}\nPhone: {phone}{points}",
    },
    "card.home": {
        "zh": "🏛 <b>{name}</b>\n地址：{address}\n开放时间：{hours}\n电话：{phone}",
        "en": "🏛 <b>{name}</b>\nAddress: {address}\nHours: {hours}\nPhone: {phone}",
    },
    "card.points": {"zh": "\n联系点：{points}", "en": "\nContact points: {points}"},
    "card.station_reps": {"zh": "\n\n<b>本站代表</b>", "en": "\n\n<b>Representatives here</b>"},
    "card.rep": {
        "zh": "🎖 <b>{name}</b> · {title}{roles}\n工作站：{stations}\n负责：{categories}\n接待时间：{office_hours}\n电话：{phone}{bio}",
        "en": "🎖 <b>{name}</b> · {title}{roles}\nStations: {stations}\nHandles: {categories}\nOffice hours: {office_hours}\nPhone: {phone}{bio}",
    },
    "card.role": {"zh": "<b>{role}</b>：{names}", "en": "<b>{role}</b>: {names}"},
    "card.nobody": {"zh": "暂无", "en": "none yet"},
    "card.unknown": {"zh": "未公布", "en": "not published"},
    "card.report_here": {"zh": "📝 向这里反映问题", "en": "📝 Report a matter here"},
}
