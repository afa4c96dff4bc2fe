"""Probe phases: a conversation kept from others (``isolation``), staff replies (``staff``)."""

from __future__ import annotations

import asyncio
import urllib.error
import urllib.parse
import urllib.request

from scripts.probe_bot import (  # noqa: E402
    EMERGENCY,
    VICTIMS,
    Bot,
    conversation_of,
    socket_session,
    utter,
)


def phase_isolation(bot: Bot) -> dict:
    for i, (channel, address) in enumerate(VICTIMS.items()):
        bot.provider_post(channel, address, EMERGENCY, 100 + i)
    victims = {ch: conversation_of(bot, ch, addr) for ch, addr in VICTIMS.items()}
    staff = bot.staff_session()
    attempts: dict[str, list[dict]] = {"read": [], "write": [], "delete": [], "takeover": []}

    def guesses(channel: str, address: str) -> list[str]:
        plus = f"whatsapp:+{address}" if channel == "twilio_whatsapp" else None
        prefix = {"whatsapp": "wa-", "telegram": "tg-", "twilio_whatsapp": "tw-"}[channel]
        return [g for g in (address, f"+{address}", prefix + address, plus) if g]

    for channel, address in VICTIMS.items():
        cid = victims[channel]
        own_text = EMERGENCY
        for g in guesses(channel, address):
            # READ: the widget's history endpoint
            status, text = bot.http(
                "GET", f"{bot.widget}/api/history?session_id={urllib.parse.quote(g)}"
            )
            attempts["read"].append(
                {
                    "how": "widget history",
                    "as": g,
                    "status": status,
                    "ok": status == 200 and own_text in text,
                }
            )
            # WRITE: REST into the conversation
            before = len(bot.user_events(cid))
            status, _ = bot.rest(g, "hello, writing into your chat")
            attempts["write"].append(
                {"how": "REST", "as": g, "status": status, "ok": len(bot.user_events(cid)) > before}
            )

        # socket.io: a session named after the patient
        # run at once in this iteration; the defaults bind its values
        async def sockets(channel=channel, address=address, cid=cid) -> None:
            for g in guesses(channel, address):
                sio, sid, got = await socket_session(bot.url, g)
                before = len(bot.user_events(cid))
                await utter(sio, sid or g, "hello from the widget", wait=2)
                attempts["write"].append(
                    {
                        "how": "socket.io",
                        "as": g,
                        "session": sid,
                        "ok": len(bot.user_events(cid)) > before,
                    }
                )
                # TAKEOVER: does a staff reply to the patient reach this socket?
                ticket = bot.tickets(cid)
                if ticket:
                    tid = ticket[0][0]
                    staff.post(
                        f"{bot.inbox}/tickets/{tid}/reply",
                        data={"csrf": staff.csrf, "text": f"Ana here for {g}"},
                    )
                    await asyncio.sleep(2)
                    attempts["takeover"].append(
                        {
                            "how": "socket.io + staff reply",
                            "as": g,
                            "ok": any(f"Ana here for {g}" in str(m) for m in got),
                            "patient_got_it": any(
                                f"Ana here for {g}" in t for t in bot.sent_to(channel, address)
                            ),
                        }
                    )
                await sio.close()

        asyncio.run(sockets())

    # DELETE: restart + "delete my data" as the patient, by REST and socket.io
    for channel, address in VICTIMS.items():
        cid = victims[channel]
        for g in guesses(channel, address):
            before = len(bot.tickets(cid))
            bot.rest(g, "/restart")
            bot.rest(g, "delete my data")
            attempts["delete"].append(
                {
                    "how": "REST /restart + delete my data",
                    "as": g,
                    "ok": len(bot.tickets(cid)) < before,
                }
            )

            async def by_socket(g=g, cid=cid) -> None:
                sio, sid, _ = await socket_session(bot.url, g)
                before = len(bot.tickets(cid))
                await utter(sio, sid or g, "/restart", wait=1.5, metadata={"button_title": "OK"})
                await utter(sio, sid or g, "delete my data", wait=2.5)
                attempts["delete"].append(
                    {
                        "how": "socket.io /restart button + delete",
                        "as": g,
                        "ok": len(bot.tickets(cid)) < before,
                    }
                )
                await sio.close()

            asyncio.run(by_socket())
    summary = {
        k: {"attempts": len(v), "succeeded": sum(a["ok"] for a in v)} for k, v in attempts.items()
    }
    return {"victims": victims, "summary": summary, "attempts": attempts}


def phase_staff(bot: Bot) -> dict:
    staff = bot.staff_session()
    out = {}
    for i, (channel, address) in enumerate(VICTIMS.items()):
        address = str(int(address) + 7)  # a fresh patient on each channel
        bot.provider_post(channel, address, EMERGENCY, 300 + i)
        cid = conversation_of(bot, channel, address)
        ((tid, *_),) = [t for t in bot.tickets(cid) if t[3] != "resolved"]
        before = len(bot.sent_to(channel, address))
        r = staff.post(
            f"{bot.inbox}/tickets/{tid}/reply",
            data={"csrf": staff.csrf, "text": "Ana from the clinic: on your way?"},
        )
        reply_arrived = any("on your way?" in t for t in bot.sent_to(channel, address)[before:])
        r2 = staff.post(
            f"{bot.inbox}/tickets/{tid}/resolve", data={"csrf": staff.csrf, "handback": "1"}
        )
        slots = bot.tracker(cid).get("slots", {})
        before = len(bot.sent_to(channel, address))
        bot.provider_post(channel, address, "how long does a session take", 400 + i)
        answered = len(bot.sent_to(channel, address)) > before
        out[channel] = {
            "conversation": cid,
            "inbox_said_sent": "reply_sent" in r.url,
            "reply_reached_provider": reply_arrived,
            "handed_back": slots.get("handoff_active") is False,
            "resolve_ok": "resolved" in r2.url,
            "next_question_answered": answered,
        }
    return out
