"""Filing a matter: community, category, description, photos, contact, review (SPEC section 3).

The draft lives in persisted user data, the step in a persisted conversation, so a restart
resumes where the resident was. Every step says how to go back (/back) or leave (/cancel).
"""

from __future__ import annotations

import dataclasses
import math
import uuid
from enum import StrEnum

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, KeyboardButton, ReplyKeyboardMarkup, Update
from telegram.error import BadRequest
from telegram.ext import (
    BaseHandler, CallbackQueryHandler, CommandHandler, ConversationHandler, MessageHandler, filters,
)

from ..callback_data import CallbackData
from ..domain.cases import Draft
from ..domain.directory import Directory
from ..handlers.common import TYPED_TEXT, language, location_keyboard, main_menu
from ..i18n import all_labels, plain, t
from ..outgoing import MAX_TEXT, visible_length
from ..services import LianxinContext

MAX_PHOTOS = 5
MIN_DESCRIPTION = 5
DRAFT = "draft"
EDITING = "editing"
PREFILL = "prefill"
STEP = "report_step"
# Identifies one draft, so a Submit delivered twice (after a crash) files one case.
DRAFT_KEY = "draft_key"


class ReportStep(StrEnum):
    STATION = "report.station"
    CATEGORY = "report.category"
    DESCRIPTION = "report.description"
    PHOTOS = "report.photos"
    CONTACT = "report.contact"
    REVIEW = "report.review"
    EDIT = "report.edit"


ORDER = [ReportStep.STATION, ReportStep.CATEGORY, ReportStep.DESCRIPTION, ReportStep.PHOTOS,
         ReportStep.CONTACT, ReportStep.REVIEW]


@dataclasses.dataclass(frozen=True)
class PickStation(CallbackData):
    prefix = "rs1"
    station_id: str


@dataclasses.dataclass(frozen=True)
class PickCategory(CallbackData):
    prefix = "rc1"
    category_id: str


class Nav(StrEnum):
    SKIP = "skip"
    DONE = "done"
    SUBMIT = "submit"
    EDIT = "edit"
    CANCEL = "cancel"
    BACK = "back"
    USE_PREFILL = "prefill"
    STATIONS = "stations"


@dataclasses.dataclass(frozen=True)
class ReportNav(CallbackData):
    """A navigation button, tied to the step that showed it: pressed later, it is stale."""

    prefix = "rn2"
    action: str
    step: str

    def __post_init__(self) -> None:
        Nav(self.action)
        ReportStep(self.step)


@dataclasses.dataclass(frozen=True)
class EditField(CallbackData):
    prefix = "re1"
    step: str

    def __post_init__(self) -> None:
        if ReportStep(self.step) not in ORDER[:-1]:
            raise ValueError(self.step)


@dataclasses.dataclass(frozen=True)
class StartReport(CallbackData):
    """Starts /report, optionally at a station and with the resident's last question as description."""

    prefix = "rp1"
    station_id: str = "-"
    prefill: int = 0


# Helpers ---------------------------------------------------------------------------------------
def _draft(context: LianxinContext) -> Draft:
    return Draft.from_dict(context.user_data.get(DRAFT))


def _save(context: LianxinContext, draft: Draft) -> None:
    context.user_data[DRAFT] = draft.to_dict()


def _button(lang: str, key: str, data: CallbackData) -> InlineKeyboardButton:
    return InlineKeyboardButton(plain(lang, key), callback_data=data.pack())


def _rows(buttons: list[InlineKeyboardButton], per_row: int = 2) -> list[list[InlineKeyboardButton]]:
    return [buttons[i:i + per_row] for i in range(0, len(buttons), per_row)]


def station_keyboard(directory: Directory, lang: str) -> InlineKeyboardMarkup:
    buttons = [InlineKeyboardButton(s.community.pick(lang), callback_data=PickStation(s.id).pack())
               for s in directory.stations]
    return InlineKeyboardMarkup(_rows(buttons) + [[_button(lang, "report.cancel", ReportNav(Nav.CANCEL, ReportStep.STATION))]])


def nearest_station(directory: Directory, lat: float, lon: float):
    """The station with coordinates closest to the point (haversine), with its distance in km."""
    best = None
    for station in directory.stations:
        if station.location is None:
            continue
        p1, p2 = math.radians(lat), math.radians(station.location.latitude)
        dp, dl = p2 - p1, math.radians(station.location.longitude - lon)
        a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
        km = 6371 * 2 * math.asin(math.sqrt(a))
        if best is None or km < best[1]:
            best = (station, km)
    return best


def format_distance(km: float) -> str:
    return f"{km * 1000:.0f} m" if km < 1 else f"{km:.1f} km"


# Asking each step ---------------------------------------------------------------------------
async def ask(step: ReportStep, update: Update, context: LianxinContext) -> ReportStep:
    """Sends the question of `step` and returns it as the new state."""
    lang = await language(update, context)
    chat = update.effective_chat
    directory = context.services.directory
    draft = _draft(context)
    back = _button(lang, "report.back", ReportNav(Nav.BACK, step))
    context.user_data[STEP] = step  # for /back
    if step == ReportStep.STATION:
        await chat.send_message(t(lang, "report.location_hint"), reply_markup=location_keyboard(lang))
        await chat.send_message(t(lang, "report.ask_station"), reply_markup=station_keyboard(directory, lang))
    elif step == ReportStep.CATEGORY:
        buttons = [InlineKeyboardButton(c.name.pick(lang), callback_data=PickCategory(c.id).pack())
                   for c in directory.categories]
        station = directory.station(draft.station_id)
        await chat.send_message(
            t(lang, "report.ask_category", station=station.community.pick(lang) if station else "?"),
            reply_markup=InlineKeyboardMarkup(_rows(buttons) + [[back]]),
        )
    elif step == ReportStep.DESCRIPTION:
        category = directory.category(draft.category_id)
        prefill = context.user_data.get(PREFILL)
        await chat.send_message(
            t(lang, "report.ask_description", category=category.name.pick(lang) if category else "?"),
            reply_markup=InlineKeyboardMarkup([[back]]),
        )
        if prefill and not draft.description:
            await chat.send_message(
                t(lang, "report.description_prefilled", text=prefill),
                reply_markup=InlineKeyboardMarkup([[_button(lang, "report.use_prefill", ReportNav(Nav.USE_PREFILL, step))]]),
            )
    elif step == ReportStep.PHOTOS:
        await chat.send_message(
            t(lang, "report.ask_photos", max=MAX_PHOTOS),
            reply_markup=InlineKeyboardMarkup([[_button(lang, "report.skip", ReportNav(Nav.SKIP, step)), back]]),
        )
    elif step == ReportStep.CONTACT:
        await chat.send_message(
            t(lang, "report.ask_contact"),
            reply_markup=ReplyKeyboardMarkup(
                [[KeyboardButton(plain(lang, "report.share_contact"), request_contact=True)],
                 [plain(lang, "report.skip")]],
                resize_keyboard=True, one_time_keyboard=True,
            ),
        )
    elif step == ReportStep.REVIEW:
        await send_review(update, context, lang, draft)
    return step


async def send_review(update: Update, context: LianxinContext, lang: str, draft: Draft) -> None:
    directory = context.services.directory
    station = directory.station(draft.station_id)
    category = directory.category(draft.category_id)
    not_shared = plain(lang, "report.not_shared")
    location = f"{draft.latitude:.5f}, {draft.longitude:.5f}" if draft.latitude is not None else not_shared

    def review(description: str) -> str:
        return t(lang, "report.review", station=station.community.pick(lang) if station else "?",
                 category=category.name.pick(lang) if category else "?", description=description,
                 photos=len(draft.photos), location=location, contact=draft.contact_phone or not_shared)

    text = review(draft.description or "")
    if visible_length(text) > MAX_TEXT:  # the case keeps the whole text; the review shows its start
        text = review(draft.description[:300] + "…")
    keyboard = InlineKeyboardMarkup([
        [_button(lang, "report.submit", ReportNav(Nav.SUBMIT, ReportStep.REVIEW))],
        [_button(lang, "report.edit", ReportNav(Nav.EDIT, ReportStep.REVIEW)),
         _button(lang, "report.cancel", ReportNav(Nav.CANCEL, ReportStep.REVIEW))],
    ])
    await update.effective_chat.send_message(text, reply_markup=keyboard)


async def next_step(step: ReportStep, update: Update, context: LianxinContext) -> ReportStep:
    """After a step is answered: the following step, or back to review when editing."""
    if context.user_data.get(EDITING):
        context.user_data.pop(EDITING, None)
        return await ask(ReportStep.REVIEW, update, context)
    return await ask(ORDER[ORDER.index(step) + 1], update, context)


async def is_stale(update: Update, context: LianxinContext) -> bool:
    """A navigation button from an earlier step: answered as stale, never acted on."""
    query = update.callback_query
    if query is None:
        return False
    data = ReportNav.unpack(query.data)
    if data is None or data.action == Nav.CANCEL or data.step == context.user_data.get(STEP):
        return False
    lang = await language(update, context)
    await query.answer(plain(lang, "stale_button"), show_alert=True)
    return True


# Entry ----------------------------------------------------------------------------------------
async def start(update: Update, context: LianxinContext) -> ReportStep | int:
    """Starts a new draft and asks for the community (or skips it when the button named one)."""
    lang = await language(update, context)
    services = context.services
    user = update.effective_user
    if update.callback_query:
        await update.callback_query.answer()
    count = await services.cases.created_today(user.id)
    if count >= services.settings.max_cases_per_day:
        await update.effective_chat.send_message(
            t(lang, "report.daily_limit", count=count, phone=services.directory.home.phone or "-"))
        return ConversationHandler.END
    await services.people.remember_resident(user.id, update.effective_chat.id, lang)
    draft = Draft()
    context.user_data[DRAFT_KEY] = uuid.uuid4().hex
    data = StartReport.unpack(update.callback_query.data) if update.callback_query else None
    if data is None or not data.prefill:
        context.user_data.pop(PREFILL, None)
    context.user_data.pop(EDITING, None)
    if data and data.station_id != "-" and services.directory.station(data.station_id):
        draft.station_id = data.station_id
        _save(context, draft)
        return await ask(ReportStep.CATEGORY, update, context)
    _save(context, draft)
    return await ask(ReportStep.STATION, update, context)


# Step handlers --------------------------------------------------------------------------------
async def received_station(update: Update, context: LianxinContext) -> ReportStep:
    """Stores the community and asks for the category."""
    query = update.callback_query
    await query.answer()
    data = PickStation.unpack(query.data)
    lang = await language(update, context)
    if data is None or context.services.directory.station(data.station_id) is None:
        await update.effective_chat.send_message(t(lang, "report.station_gone"))
        return await ask(ReportStep.STATION, update, context)
    draft = _draft(context)
    draft.station_id = data.station_id
    _save(context, draft)
    await update.effective_chat.send_message(
        "✓ " + context.services.directory.station(data.station_id).community.pick(lang),
        reply_markup=main_menu(lang),
    )
    return await next_step(ReportStep.STATION, update, context)


async def received_location(update: Update, context: LianxinContext) -> ReportStep:
    """Keeps the location for the case and proposes the nearest station."""
    lang = await language(update, context)
    loc = update.message.location
    draft = _draft(context)
    draft.latitude, draft.longitude = loc.latitude, loc.longitude
    _save(context, draft)
    nearest = nearest_station(context.services.directory, loc.latitude, loc.longitude)
    if nearest is None:
        await update.effective_chat.send_message(t(lang, "report.no_located_station"), reply_markup=main_menu(lang))
        return await ask(ReportStep.STATION, update, context)
    station, km = nearest
    await update.effective_chat.send_message("📍", reply_markup=main_menu(lang))
    await update.effective_chat.send_message(
        t(lang, "report.nearest", station=station.name.pick(lang), distance=format_distance(km)),
        reply_markup=InlineKeyboardMarkup([[
            _button(lang, "report.yes", PickStation(station.id)),
            _button(lang, "report.other_station", ReportNav(Nav.STATIONS, ReportStep.STATION)),
        ]]),
    )
    return ReportStep.STATION


async def received_category(update: Update, context: LianxinContext) -> ReportStep:
    """Stores the category and asks for a description."""
    query = update.callback_query
    await query.answer()
    data = PickCategory.unpack(query.data)
    if data is None or context.services.directory.category(data.category_id) is None:
        return await ask(ReportStep.CATEGORY, update, context)
    draft = _draft(context)
    draft.category_id = data.category_id
    _save(context, draft)
    return await next_step(ReportStep.CATEGORY, update, context)


async def received_description(update: Update, context: LianxinContext) -> ReportStep:
    """Stores the description (whole, up to Telegram's 4096 characters) and asks for photos."""
    lang = await language(update, context)
    text = update.message.text.strip()
    if len(text) < MIN_DESCRIPTION:
        await update.effective_chat.send_message(t(lang, "report.description_too_short", min=MIN_DESCRIPTION))
        return ReportStep.DESCRIPTION
    return await _set_description(text, update, context)


async def use_prefill(update: Update, context: LianxinContext) -> ReportStep:
    """Takes the resident's earlier message as the description."""
    if await is_stale(update, context):
        return None
    await update.callback_query.answer()
    text = (context.user_data.get(PREFILL) or "").strip()
    if len(text) < MIN_DESCRIPTION:
        return await ask(ReportStep.DESCRIPTION, update, context)
    return await _set_description(text, update, context)


async def _set_description(text: str, update: Update, context: LianxinContext) -> ReportStep:
    draft = _draft(context)
    draft.description = text
    _save(context, draft)
    context.user_data.pop(PREFILL, None)
    return await next_step(ReportStep.DESCRIPTION, update, context)


async def description_needs_text(update: Update, context: LianxinContext) -> ReportStep:
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "report.description_needs_text"))
    return ReportStep.DESCRIPTION


async def received_photo(update: Update, context: LianxinContext) -> ReportStep:
    """Adds a photo (up to five) and says how many there are."""
    lang = await language(update, context)
    draft = _draft(context)
    buttons = InlineKeyboardMarkup([[_button(lang, "report.done", ReportNav(Nav.DONE, ReportStep.PHOTOS))]])
    if len(draft.photos) >= MAX_PHOTOS:
        await update.effective_chat.send_message(t(lang, "report.photos_full", max=MAX_PHOTOS), reply_markup=buttons)
        return ReportStep.PHOTOS
    draft.photos.append(update.message.photo[-1].file_id)
    _save(context, draft)
    await update.effective_chat.send_message(
        t(lang, "report.photo_received", count=len(draft.photos), max=MAX_PHOTOS), reply_markup=buttons)
    return ReportStep.PHOTOS


async def photos_done(update: Update, context: LianxinContext) -> ReportStep:
    """Skip or Done: on to the contact step."""
    if await is_stale(update, context):
        return None
    if update.callback_query:
        await update.callback_query.answer()
    return await next_step(ReportStep.PHOTOS, update, context)


async def photos_hint(update: Update, context: LianxinContext) -> ReportStep:
    lang = await language(update, context)
    await update.effective_chat.send_message(
        t(lang, "report.photos_need_photo"),
        reply_markup=InlineKeyboardMarkup([[_button(lang, "report.skip", ReportNav(Nav.SKIP, ReportStep.PHOTOS)),
                                            _button(lang, "report.done", ReportNav(Nav.DONE, ReportStep.PHOTOS))]]))
    return ReportStep.PHOTOS


async def received_contact(update: Update, context: LianxinContext) -> ReportStep:
    """Stores the resident's own phone number (never someone else's card) and shows the review."""
    lang = await language(update, context)
    contact = update.message.contact
    if contact.user_id != update.effective_user.id:
        await update.effective_chat.send_message(t(lang, "report.contact_not_own"))
        return ReportStep.CONTACT
    draft = _draft(context)
    draft.contact_phone = contact.phone_number
    draft.contact_name = " ".join(filter(None, [contact.first_name, contact.last_name]))
    draft.contact_decided = True
    _save(context, draft)
    await update.effective_chat.send_message(t(lang, "report.contact_saved"), reply_markup=main_menu(lang))
    return await next_step(ReportStep.CONTACT, update, context)


async def skip_contact(update: Update, context: LianxinContext) -> ReportStep:
    """Files without a phone number."""
    if await is_stale(update, context):
        return None
    lang = await language(update, context)
    draft = _draft(context)
    draft.contact_phone = draft.contact_name = None
    draft.contact_decided = True
    _save(context, draft)
    await update.effective_chat.send_message(t(lang, "report.contact_skipped"), reply_markup=main_menu(lang))
    return await next_step(ReportStep.CONTACT, update, context)


async def contact_hint(update: Update, context: LianxinContext) -> ReportStep:
    return await ask(ReportStep.CONTACT, update, context)


async def submit(update: Update, context: LianxinContext) -> int:
    """Files the case; the reference reaches the resident through the outbox, after the commit."""
    if await is_stale(update, context):
        return None
    query = update.callback_query
    await query.answer()
    lang = await language(update, context)
    services = context.services
    draft = _draft(context)
    if not (draft.station_id and draft.category_id and draft.description):
        return await ask(ReportStep.STATION, update, context)
    if services.directory.station(draft.station_id) is None:
        await update.effective_chat.send_message(t(lang, "report.station_gone"))
        return await ask(ReportStep.STATION, update, context)
    key = context.user_data.get(DRAFT_KEY)
    if key is None or not await services.cases.was_filed(update.effective_user.id, key):
        count = await services.cases.created_today(update.effective_user.id)
        if count >= services.settings.max_cases_per_day:
            await update.effective_chat.send_message(
                t(lang, "report.daily_limit", count=count, phone=services.directory.home.phone or "-"))
            return ConversationHandler.END
    await services.casework.file(draft, update.effective_user.id, update.effective_chat.id, lang, draft_key=key)
    context.user_data.pop(DRAFT, None)
    context.user_data.pop(DRAFT_KEY, None)
    # The button is spent: a second press must not file twice. (Already gone when this Submit is
    # seen again after a crash: Telegram then says "message is not modified", which is fine.)
    try:
        await query.edit_message_reply_markup(None)
    except BadRequest as exc:
        if "not modified" not in str(exc).lower():
            raise
    return ConversationHandler.END


async def choose_edit(update: Update, context: LianxinContext) -> ReportStep:
    """Asks which part of the draft to change."""
    if await is_stale(update, context):
        return None
    await update.callback_query.answer()
    lang = await language(update, context)
    keys = {ReportStep.STATION: "report.edit_station", ReportStep.CATEGORY: "report.edit_category",
            ReportStep.DESCRIPTION: "report.edit_description", ReportStep.PHOTOS: "report.edit_photos",
            ReportStep.CONTACT: "report.edit_contact"}
    buttons = [_button(lang, key, EditField(step)) for step, key in keys.items()]
    context.user_data[STEP] = ReportStep.EDIT
    await update.effective_chat.send_message(
        t(lang, "report.ask_edit"), reply_markup=InlineKeyboardMarkup(_rows(buttons, 3)))
    return ReportStep.EDIT


async def edit_field(update: Update, context: LianxinContext) -> ReportStep:
    """Asks that step again; answering it returns to the review."""
    await update.callback_query.answer()
    data = EditField.unpack(update.callback_query.data)
    step = ReportStep(data.step)
    context.user_data[EDITING] = True
    if step == ReportStep.PHOTOS:
        draft = _draft(context)
        draft.photos = []
        _save(context, draft)
    if step == ReportStep.DESCRIPTION:
        draft = _draft(context)
        draft.description = None
        _save(context, draft)
    return await ask(step, update, context)


async def back(update: Update, context: LianxinContext) -> ReportStep | int:
    """/back or the Back button: the previous question again."""
    if await is_stale(update, context):
        return None
    if update.callback_query:
        await update.callback_query.answer()
    state = context.user_data.get(STEP)
    current = ReportStep(state) if state in set(ReportStep) else ReportStep.STATION
    if current == ReportStep.EDIT:
        return await ask(ReportStep.REVIEW, update, context)
    index = ORDER.index(current)
    context.user_data.pop(EDITING, None)
    return await ask(ORDER[max(0, index - 1)], update, context)


async def show_stations(update: Update, context: LianxinContext) -> ReportStep:
    if await is_stale(update, context):
        return None
    await update.callback_query.answer()
    return await ask(ReportStep.STATION, update, context)


async def cancel(update: Update, context: LianxinContext) -> int:
    """Leaves the flow at any step; nothing is filed."""
    if update.callback_query:
        await update.callback_query.answer()
        await update.callback_query.edit_message_reply_markup(None)
    lang = await language(update, context)
    context.user_data.pop(DRAFT, None)
    context.user_data.pop(EDITING, None)
    context.user_data.pop(PREFILL, None)
    await update.effective_chat.send_message(t(lang, "cancelled"), reply_markup=main_menu(lang))
    return ConversationHandler.END


async def use_buttons(update: Update, context: LianxinContext) -> None:
    """Text where a button is expected: say so and stay."""
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "report.use_buttons"))
    return None


async def unsupported(update: Update, context: LianxinContext) -> None:
    lang = await language(update, context)
    await update.effective_chat.send_message(t(lang, "unsupported_media"))
    return None


def _nav(*actions: Nav):
    return lambda data: (n := ReportNav.unpack(data)) is not None and Nav(n.action) in actions


def conversation() -> ConversationHandler:
    private = filters.ChatType.PRIVATE
    text = TYPED_TEXT
    media = private & (filters.Sticker.ALL | filters.VOICE | filters.VIDEO | filters.Document.ALL
                       | filters.AUDIO | filters.VIDEO_NOTE | filters.ANIMATION)
    skip_labels = filters.Text(all_labels("report.skip"))
    stay_on_text = MessageHandler(text, use_buttons)
    return ConversationHandler(
        name="report",
        persistent=True,
        allow_reentry=True,
        entry_points=[
            CommandHandler("report", start, filters=private),
            MessageHandler(private & filters.Text(all_labels("menu.report")), start),
            CallbackQueryHandler(start, pattern=StartReport.matches),
        ],
        states={
            ReportStep.STATION: [
                CallbackQueryHandler(received_station, pattern=PickStation.matches),
                CallbackQueryHandler(show_stations, pattern=_nav(Nav.STATIONS)),
                MessageHandler(private & filters.LOCATION, received_location),
                stay_on_text,
            ],
            ReportStep.CATEGORY: [
                CallbackQueryHandler(received_category, pattern=PickCategory.matches),
                stay_on_text,
            ],
            ReportStep.DESCRIPTION: [
                CallbackQueryHandler(use_prefill, pattern=_nav(Nav.USE_PREFILL)),
                MessageHandler(text, received_description),
                MessageHandler(private & (filters.PHOTO | filters.LOCATION | filters.CONTACT), description_needs_text),
            ],
            ReportStep.PHOTOS: [
                MessageHandler(private & filters.PHOTO, received_photo),
                CallbackQueryHandler(photos_done, pattern=_nav(Nav.SKIP, Nav.DONE)),
                CommandHandler("skip", photos_done),
                MessageHandler(text & skip_labels, photos_done),
                MessageHandler(text, photos_hint),
            ],
            ReportStep.CONTACT: [
                MessageHandler(private & filters.CONTACT, received_contact),
                CommandHandler("skip", skip_contact),
                MessageHandler(text & skip_labels, skip_contact),
                MessageHandler(text, contact_hint),
            ],
            ReportStep.REVIEW: [
                CallbackQueryHandler(submit, pattern=_nav(Nav.SUBMIT)),
                CallbackQueryHandler(choose_edit, pattern=_nav(Nav.EDIT)),
                stay_on_text,
            ],
            ReportStep.EDIT: [
                CallbackQueryHandler(edit_field, pattern=EditField.matches),
                stay_on_text,
            ],
        },
        fallbacks=[
            CommandHandler("cancel", cancel),
            CallbackQueryHandler(cancel, pattern=_nav(Nav.CANCEL)),
            CommandHandler("back", back),
            CallbackQueryHandler(back, pattern=_nav(Nav.BACK)),
            MessageHandler(media, unsupported),
            MessageHandler(private & filters.PHOTO, use_buttons),
        ],
    )


def handlers() -> list[BaseHandler]:
    return [conversation()]
