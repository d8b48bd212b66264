// Package telegramtest is an in-process fake of the Telegram Bot API for
// tests. It speaks the real wire format over net/http/httptest, keeps the
// state of simulated users, groups and messages, and is as strict as
// Telegram where bots usually fail. The command faketelegram runs it on a
// fixed address for chatting with the bot from a terminal.
// See https://core.telegram.org/bots/api for the behaviour imitated.
//
//	srv := telegramtest.New(t, telegramtest.Options{})
//	api, _ := tgbotapi.NewBotAPIWithClient(srv.Token, srv.Endpoint(), srv.Client())
//	u := srv.NewUser(42, "Sri")
//	u.SendCommand("/start")
//	m := u.WaitNext()
//	_, q := u.Press(m, m.CallbackData("Daftar"))
//	srv.WaitCallbackAnswered(q)
//
// # Server
//
//   - New(tb, Options{Token, Latency, EnforceLimits, WaitTimeout, Addr,
//     FirstUpdateID})
//     starts a server and closes it at tb's cleanup; TB is the part of
//     testing.TB it needs.
//   - Server.URL, Server.Token, Server.Endpoint (for
//     tgbotapi.NewBotAPIWithClient), Server.Client, Server.Close.
//   - The bot is BotID / BotUsername (getMe); DefaultToken is the token
//     when Options.Token is empty.
//   - Methods served: getMe, getUpdates, sendMessage, sendPhoto,
//     sendDocument, sendMediaGroup, sendLocation, copyMessage,
//     editMessageText, editMessageCaption, editMessageReplyMarkup,
//     deleteMessage, sendChatAction, answerCallbackQuery, setMyCommands,
//     getMyCommands, deleteMyCommands, getFile (with downloads under
//     /file/bot<token>/), setWebhook, deleteWebhook and getWebhookInfo.
//     Others answer 404, a wrong token 401.
//
// # Users and groups
//
//   - Server.NewUser(id, firstName) returns a *User with a private chat
//     (chat id = user id); set LastName, Username or LanguageCode before
//     it sends anything. Server.NewGroup(id, title) returns a *Group
//     (negative id; -100… ids make a supergroup).
//   - User.Block and User.Unblock: while blocked, sends to the user fail
//     with 403 "Forbidden: bot was blocked by the user".
//
// # Sending to the bot
//
// Each returns the update_id it queued.
//
//   - User.SendText, User.SendCommand (a bot_command entity is added for a
//     leading /command), User.SendFormatted(text, entities); in a group,
//     Group.SendText(from, text).
//   - User.SendPhoto(caption), User.SendPhotoWithID(uniqueID, caption) (to
//     send the same picture twice), User.SendPhotoFormatted(caption,
//     entities), User.SendAlbum(n) (n photos sharing a media_group_id; it
//     returns their update ids).
//   - User.SendContact(phone, own) (own: the user's own number, as from a
//     request_contact button), User.SendLocation(lat, lon),
//     User.SendSticker.
//   - User.SendForwardFrom(origin, text) (forward_from set) and
//     User.SendForwardHidden(senderName, text) (forward_sender_name only).
//   - Server.Enqueue(update) queues any raw update.
//
// # Inline buttons
//
//   - User.Press(msg, data) presses the button with that callback_data on
//     the message's current state and fails the test if there is none;
//     User.PressForged(messageID, data) sends any data, as a modified
//     client could. Both return (updateID, queryID). The query's message
//     is the pressed message as it is now, inline keyboard included, as
//     Telegram sends it.
//   - Server.WaitCallbackAnswered(queryID) waits for the bot's
//     answerCallbackQuery and returns the CallbackAnswer{Text, ShowAlert,
//     URL}; Server.CallbackAnswered and Server.UnansweredCallbacks check
//     without waiting; Server.ExpireCallback ages a query past Telegram's
//     answer window.
//
// # Reading what the bot sent
//
// User and Group share these. The Wait helpers fail the test after
// Options.WaitTimeout with a dump of the chat and of recent failed calls.
//
//   - WaitNext returns the next message not yet returned, WaitMessages(n)
//     waits for n and returns all, ExpectNoMessage(d) fails on any new one.
//   - Messages, Message(id) (the current state, after edits), Last,
//     WaitMessage(id, what, cond) (until an edit or deletion made in the
//     background shows), and Server for the server the chat lives on.
//
// A *Message is a snapshot with Method, Text and Caption exactly as sent,
// ParseMode, Plain (what the user sees, markup removed and entities
// decoded), Entities, PhotoFileID, MediaGroupID, Document, Location,
// ReplyMarkup, ReplyToMessageID, Edits and History (earlier Revisions),
// Deleted, and FromChatID/FromMessageID for copies. Its helpers:
// Buttons (inline button texts by row), CallbackData(text),
// ButtonURL(text), Keyboard (reply keyboard texts), KeyboardButton(text)
// (with RequestContact, RequestLocation), RemovesKeyboard and String.
//
// Server.Refused returns every call the fake refused with 400 Bad Request
// by its own checks (a Refusal: method, description, chat), as Telegram
// would have; injected faults, 403 for a blocked user and 429 of flood
// control are not refusals. The end-to-end harness (handlers/apptest)
// fails a test in which the bot made one.
//
// Other state: Server.Pending (unconfirmed updates),
// Server.WaitConfirmed(updateID), Server.Redeliver(updateID) (as after a
// lost confirmation), Server.Commands(scope) (e.g. "default",
// "all_private_chats", "chat:<id>"), Server.Stats (calls per method, 429s,
// messages per chat) and Server.Calls(method).
//
// For load measurements, Server.Timing(updateID) and Server.Timings
// return each update's UpdateTiming: when it was queued, first delivered
// (getUpdates or webhook) and first answered by a send or edit in its
// chat, with Pickup, Handling and FirstReply. User.Activity (and
// Group.Activity) counts the bot's sends and edits in the chat and
// returns a channel closed at the next one, so many simulated users can
// wait each for their own chat.
//
// # Views and people driving the fake
//
// The playground page (package playground) is a view of the fake, not a
// second one; these serve it, and any other view:
//
//   - Server.Changes returns a channel closed at the next change of
//     state; Server.Snapshot(chatID) returns a ChatSnapshot: both sides'
//     messages in order (text and entities, photo file_id, album,
//     document, location, contact, sticker, inline buttons, edited,
//     deleted), the reply keyboard the chat shows (folded once a
//     one-time keyboard was used, gone after remove_keyboard) and the
//     command menu resolved like Telegram (the chat's scope, then all
//     private chats, then the default; the user's language first).
//   - Server.FileData(fileID) returns a file's name and bytes.
//   - Server.AddPhoto(fileID, data) registers a photo under a known
//     file_id, as if sent before the fake started (seeded data).
//   - For a person rather than a test: User.SendPhotoData and
//     User.SendAlbumData send real image bytes; User.TryPress returns
//     ErrNoButton instead of failing; Server.AwaitCallbackAnswer waits
//     for the answer until a context ends.
//
// # Faults
//
//   - Server.FailNext(method, code, description, retryAfter) makes the next
//     call of method ("*" for any) fail with that error, e.g. 500, or 429
//     with parameters.retry_after; calls queue up.
//   - Server.FailNextHTML(method) answers 502 with nginx's HTML page, as
//     when Telegram is down.
//   - Server.SetLatency(d) delays every response.
//
// # Limits enforced like Telegram
//
//   - Lengths count UTF-16 code units after entity parsing: texts 1-4096
//     (after trimming white space), captions up to 1024, callback answer
//     texts up to 200.
//   - parse_mode HTML is parsed strictly (supported tags only, matched end
//     tags, '&' escaped); MarkdownV2 and Markdown are refused with 400
//     "unsupported parse_mode", as PilarBot sends only HTML.
//   - reply_markup is validated: callback_data 1-64 bytes
//     (BUTTON_DATA_INVALID), one action per inline button, at most 100
//     inline buttons, valid button URLs, placeholders of at most 64
//     characters; edits accept only inline keyboards.
//   - A message sent more than 48 hours ago cannot be deleted ("message
//     can't be deleted for everyone"); Server.Advance(d) moves the fake's
//     calendar (message dates, message age) forward. Edits have no age
//     limit.
//   - An edit that changes nothing fails with "message is not modified"
//     (editMessageText, editMessageCaption, editMessageReplyMarkup; taking
//     the buttons off a message that has none is such an edit);
//     a callback query can be answered once, within 15 minutes.
//   - Only messages sent without reply_markup or with an inline keyboard
//     can be edited; one sent with a reply keyboard, its removal or
//     force_reply answers "message can't be edited" (checked after "not
//     modified").
//   - Unknown chats fail with "chat not found", replies to missing
//     messages with "message to be replied not found".
//   - Flood control (Options.EnforceLimits or Server.SetLimits(Limits{...});
//     DefaultLimits: 30 messages per second overall, 1 per second per chat
//     after a burst of 3, 20 per minute per group) answers 429 "Too Many
//     Requests: retry after N" with parameters.retry_after.
//   - Only one getUpdates may run at a time (409 Conflict); updates stay
//     pending until confirmed by a higher offset; allowed_updates filters.
//     Stats.Conflicts counts the 409s.
//
// # Webhooks
//
//   - setWebhook checks secret_token like Telegram (1-256 characters of
//     A-Z a-z 0-9 _ -: "secret token contains unallowed characters",
//     "secret token is too long") and the URL (https on port 443, 80, 88
//     or 8443; plain http and any port only on loopback, as a local Bot
//     API server allows); max_connections is clamped to 1-100 (default
//     40); an empty url removes the webhook.
//   - While a webhook is set, getUpdates answers 409 "Conflict: can't use
//     getUpdates method while webhook is active; use deleteWebhook to
//     delete the webhook first"; deleteWebhook (drop_pending_updates
//     optional) switches back.
//   - The fake delivers the pending updates to the webhook like Telegram:
//     a JSON POST with the X-Telegram-Bot-Api-Secret-Token header, at most
//     max_connections at once, one update of a chat at a time and in order,
//     again (after 200 ms) until the webhook answers 2xx; then the update
//     is confirmed. getWebhookInfo reports the url, pending_update_count,
//     max_connections, allowed_updates and last_error_message ("Wrong
//     response from the webhook: 401 Unauthorized"); Server.Webhook returns
//     the same, with the secret, for tests.
package telegramtest
