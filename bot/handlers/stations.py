"""/stations: find a station and its representatives by community or shared location."""

from __future__ import annotations

import dataclasses

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import BaseHandler, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from ..callback_data import CallbackData
from ..cards import home_card, station_card
from ..flows.report import StartReport, format_distance, nearest_station
from ..i18n import all_labels, plain, t
from ..services import LianxinContext
from ..outgoing import MAX_TEXT, visible_length
from .common import language, location_keyboard, main_menu


@dataclasses.dataclass(frozen=True)
class ShowStation(CallbackData):
    prefix = "st1"
    station_id: str  # "home" for the Representatives' Home


async def stations(update: Update, context: LianxinContext) -> None:
    """Lists the communities as buttons, and offers to share a location."""
    lang = await language(update, context)
    directory = context.services.directory
    buttons = [InlineKeyboardButton(s.community.pick(lang), callback_data=ShowStation(s.id).pack()) for s in directory.stations]
    rows = [buttons[i:i + 2] for i in range(0, len(buttons), 2)]
    rows.append([InlineKeyboardButton(plain(lang, "stations.home_button", name=directory.home.name.pick(lang)),
                                      callback_data=ShowStation("home").pack())])
    await update.effective_chat.send_message(t(lang, "stations.location_hint"), reply_markup=location_keyboard(lang))
    await update.effective_chat.send_message(t(lang, "stations.pick"), reply_markup=InlineKeyboardMarkup(rows))


async def send_station(update: Update, context: LianxinContext, station_id: str, lang: str, prefix: str = "") -> None:
    directory = context.services.directory
    if station_id == "home":
        await update.effective_chat.send_message(home_card(directory.home, lang))
        return
    station = directory.station(station_id)
    if station is None:
        await update.effective_chat.send_message(t(lang, "stale_button"))
        return
    report_here = InlineKeyboardMarkup([[InlineKeyboardButton(
        plain(lang, "card.report_here"), callback_data=StartReport(station.id, 0).pack())]])
    card = station_card(directory, station, lang)
    if visible_length(prefix + card) > MAX_TEXT:
        card = station_card(directory, station, lang, with_reps=False)
    await update.effective_chat.send_message(prefix + card, reply_markup=report_here)


async def show_station(update: Update, context: LianxinContext) -> None:
    """A community button: the station card with its representatives' public cards."""
    query = update.callback_query
    await query.answer()
    lang = await language(update, context)
    await send_station(update, context, ShowStation.unpack(query.data).station_id, lang)


async def location_outside_flow(update: Update, context: LianxinContext) -> None:
    """A shared location outside /report: the nearest station."""
    lang = await language(update, context)
    loc = update.message.location
    nearest = nearest_station(context.services.directory, loc.latitude, loc.longitude)
    if nearest is None:
        await update.effective_chat.send_message(t(lang, "report.no_located_station"), reply_markup=main_menu(lang))
        return
    station, km = nearest
    await update.effective_chat.send_message(
        t(lang, "stations.nearest", distance=format_distance(km)), reply_markup=main_menu(lang)
    )
    await send_station(update, context, station.id, lang)


def handlers() -> list[BaseHandler]:
    private = filters.ChatType.PRIVATE
    return [
        CommandHandler("stations", stations),
        MessageHandler(private & filters.Text(all_labels("menu.stations")), stations),
        CallbackQueryHandler(show_station, pattern=ShowStation.matches),
        MessageHandler(private & filters.LOCATION, location_outside_flow),
    ]
