package handlers

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"slices"
	"strconv"
	"strings"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/broadcast"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/handlers/richtext"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowUmumkan = "umumkan"

	keySasaran = "sasaran" // semua, pilar, kecamatan, kelurahan, acara
	keyPilihan = "pilihan" // JSON list of codes; for acara the event id
	keyPesan   = "pesan"   // HTML
	keyFoto    = "_foto"   // photo file_id, or ""
	keySegmen  = "_segmen" // a storage.Segment as JSON, given from the start (an event's targeting, Ubah pesan)
	keyJudul   = "_judul"  // title of the event chosen for acara

	sasaranSemua = "semua"
	sasaranPilar = "pilar"
	sasaranKec   = "kecamatan"
	sasaranKel   = "kelurahan"
	sasaranAcara = "acara"

	maxTextLen    = 4096
	maxCaptionLen = 1024
	historySize   = 10
	maxAcaraList  = 10 // events offered for "Peserta acara", as many as /acara lists
)

// prefillUmumkan opens /umumkan with the audience and the message (HTML)
// already chosen, so the coordinator goes straight to the preview with
// Kirim / Ubah pesan / Batal: what "Umumkan sekarang" of an event does.
func (h *Handlers) prefillUmumkan(ctx context.Context, r *Request, seg storage.Segment, text string) error {
	b, err := json.Marshal(seg)
	if err != nil {
		return fmt.Errorf("handlers: broadcast segment: %w", err)
	}
	return h.Engine.Start(ctx, r.Chat, flowUmumkan, map[string]string{
		keySegmen: string(b),
		keyPesan:  text,
		keyFoto:   "",
	})
}

// Broadcaster is what the handlers need of the broadcast runner.
type Broadcaster interface {
	// Kick makes the runner look for work at once.
	Kick()
	// Caller sends the preview exactly as recipients get it.
	Caller() broadcast.Caller
}

// umumkan starts an announcement, or shows the history with "riwayat".
func (h *Handlers) umumkan(ctx context.Context, r *Request) error {
	if kit.NormalizeChoice(r.Args) == "riwayat" {
		return h.broadcastHistory(ctx, r)
	}
	return h.Engine.Start(ctx, r.Chat, flowUmumkan, nil)
}

// umumkanFlow asks the audience and the message; its Finish shows the
// preview and the number of recipients with Kirim / Batal.
func (h *Handlers) umumkanFlow() *conversations.Flow {
	return &conversations.Flow{
		Name:  flowUmumkan,
		Entry: "umumkan",
		Title: flowUmumkanTitle,
		Steps: []conversations.Step{
			{
				Key:  keySasaran,
				Skip: func(s *conversations.Session) bool { return s.Get(keySegmen) != "" },
				Ask:  kit.Fixed(askSasaran, conversations.Keyboard(2, optSemua, optPilar, optKec, optKel, optAcara)),
				Accept: conversations.TextAnswer(func(ctx context.Context, s *conversations.Session, t string) (string, error) {
					switch kit.NormalizeChoice(t) {
					case kit.NormalizeChoice(optAcara), "acara", "peserta":
						events, err := h.Store.UpcomingEventsBy(ctx, s.Chat.UserID, h.Now(), maxAcaraList)
						if err != nil {
							return "", err
						}
						if len(events) == 0 {
							return "", conversations.Invalidf(errNoAcara)
						}
						return sasaranAcara, nil
					case kit.NormalizeChoice(optSemua), "semua":
						return sasaranSemua, nil
					case kit.NormalizeChoice(optPilar), "pilar":
						return sasaranPilar, nil
					case kit.NormalizeChoice(optKec), "kecamatan":
						return sasaranKec, nil
					case kit.NormalizeChoice(optKel), "kelurahan":
						return sasaranKel, nil
					}
					return "", conversations.Invalidf(errSasaran)
				}),
			},
			{
				Key:       keyPilihan,
				Dependent: true,
				Skip: func(s *conversations.Session) bool {
					return s.Get(keySasaran) == sasaranSemua || s.Get(keySegmen) != ""
				},
				Ask:    h.askPilihan,
				Accept: conversations.TextAnswer(h.acceptPilihan),
			},
			{
				Key: keyPesan,
				// Prefilled by "Umumkan sekarang": straight to the preview.
				Skip:   func(s *conversations.Session) bool { return s.Get(keyPesan) != "" },
				Ask:    kit.Fixed(askPesan, nil),
				Accept: acceptPesan,
			},
		},
		Finish: h.finishUmumkan,
	}
}

// choices returns the selectable options of an audience kind as (code,
// label) pairs.
func choices(kind string) (codes, labels []string) {
	switch kind {
	case sasaranPilar:
		for _, p := range domain.Pilars() {
			codes, labels = append(codes, p.Code), append(labels, p.Short)
		}
	case sasaranKec:
		for _, k := range domain.Kecamatans() {
			codes, labels = append(codes, k.Code), append(labels, k.Name)
		}
	case sasaranKel:
		for _, k := range domain.AllKelurahan() {
			codes, labels = append(codes, k.Code), append(labels, k.Name)
		}
	}
	return codes, labels
}

func chosen(s *conversations.Session) []string {
	var list []string
	_ = json.Unmarshal([]byte(s.Get(keyPilihan)), &list)
	return list
}

func (h *Handlers) askPilihan(ctx context.Context, s *conversations.Session) (conversations.Prompt, error) {
	kind := s.Get(keySasaran)
	if kind == sasaranAcara {
		events, err := h.Store.UpcomingEventsBy(ctx, s.Chat.UserID, h.Now(), maxAcaraList)
		if err != nil {
			return conversations.Prompt{}, err
		}
		labels := make([]string, len(events))
		for i := range events {
			labels[i] = eventChoice(&events[i])
		}
		return conversations.Prompt{Text: askPilihAcara, Keyboard: conversations.Keyboard(1, labels...)}, nil
	}
	text := map[string]string{sasaranPilar: askPilihPilar, sasaranKec: askPilihKec, sasaranKel: askPilihKel}[kind]
	if list := chosen(s); len(list) > 0 {
		text += fmt.Sprintf(msgChosen, html.EscapeString(codeNames(kind, list)))
	}
	_, labels := choices(kind)
	cols := 2
	if kind == sasaranKel {
		cols = 3
	}
	return conversations.Prompt{Text: text, Keyboard: conversations.Keyboard(cols, append([]string{optSelesai}, labels...)...)}, nil
}

// acceptPilihan toggles one choice (conversations.More) or ends the
// multi-select on "Selesai"; for acara it takes one of the coordinator's
// upcoming events.
func (h *Handlers) acceptPilihan(ctx context.Context, s *conversations.Session, t string) (string, error) {
	kind := s.Get(keySasaran)
	if kind == sasaranAcara {
		events, err := h.Store.UpcomingEventsBy(ctx, s.Chat.UserID, h.Now(), maxAcaraList)
		if err != nil {
			return "", err
		}
		for i := range events {
			if e := &events[i]; kit.NormalizeChoice(t) == kit.NormalizeChoice(eventChoice(e)) {
				s.Set(keyJudul, e.Title)
				return strconv.FormatInt(e.ID, 10), nil
			}
		}
		return "", conversations.Invalidf(errPilihAcara)
	}
	list := chosen(s)
	if kit.NormalizeChoice(t) == kit.NormalizeChoice(optSelesai) {
		if len(list) == 0 {
			return "", conversations.Invalidf(errPilihDulu)
		}
		return s.Get(keyPilihan), nil
	}
	var code string
	var err error
	switch kind {
	case sasaranPilar:
		code, err = kit.MatchPilar(t)
	case sasaranKec:
		k, perr := parse.Kecamatan(t)
		code, err = k.Code, perr
	default:
		k, perr := parse.Kelurahan(t, "")
		code, err = k.Code, perr
	}
	if err != nil {
		return "", err
	}
	if i := slices.Index(list, code); i >= 0 {
		list = slices.Delete(list, i, i+1)
	} else {
		list = append(list, code)
	}
	b, _ := json.Marshal(list)
	return string(b), conversations.More
}

// acceptPesan keeps the message as HTML with the sender's formatting, or
// one photo with its caption.
func acceptPesan(_ context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	if m.MediaGroupID != "" {
		return "", conversations.Invalidf(errPesanAlbum)
	}
	if len(m.Photo) > 0 {
		if n := richtext.PlainLen(m.Caption); n > maxCaptionLen {
			return "", conversations.Invalidf(fmt.Sprintf(errCaptionLong, kit.FormatInt(n)))
		}
		s.Set(keyFoto, m.Photo[len(m.Photo)-1].FileID)
		return richtext.HTML(m.Caption, m.CaptionEntities), nil
	}
	if strings.TrimSpace(m.Text) == "" {
		return "", conversations.Invalidf(errPesanKosong)
	}
	if n := richtext.PlainLen(m.Text); n > maxTextLen {
		return "", conversations.Invalidf(fmt.Sprintf(errPesanPanjang, kit.FormatInt(n)))
	}
	s.Set(keyFoto, "")
	return richtext.HTML(m.Text, m.Entities), nil
}

// eventChoice is an event's button in the audience question: its title
// and start, "HKSN 2023 · 20-12-2023 08.00".
func eventChoice(e *storage.Event) string {
	return e.Title + " · " + kit.FormatShortDate(e.StartsAt) + " " + e.StartsAt.In(domain.WIB).Format("15.04")
}

// segmentOf turns the answers into the audience.
func segmentOf(s *conversations.Session) storage.Segment {
	if v := s.Get(keySegmen); v != "" {
		var g storage.Segment
		_ = json.Unmarshal([]byte(v), &g) // written by this package
		return g
	}
	if s.Get(keySasaran) == sasaranAcara {
		id, _ := strconv.ParseInt(s.Get(keyPilihan), 10, 64)
		return storage.Segment{EventID: id, EventTitle: s.Get(keyJudul)}
	}
	list := chosen(s)
	switch s.Get(keySasaran) {
	case sasaranPilar:
		return storage.Segment{Pilars: list}
	case sasaranKec:
		return storage.Segment{Kecamatans: list}
	case sasaranKel:
		return storage.Segment{Kelurahans: list}
	}
	return storage.Segment{}
}

// segmentLabel describes an audience in words (plain text).
func segmentLabel(g storage.Segment) string {
	var parts []string
	if len(g.Pilars) > 0 {
		parts = append(parts, fmt.Sprintf(lblPilar, codeNames(sasaranPilar, g.Pilars)))
	}
	if len(g.Kecamatans) > 0 {
		parts = append(parts, fmt.Sprintf(lblKecamatan, codeNames(sasaranKec, g.Kecamatans)))
	}
	if len(g.Kelurahans) > 0 {
		parts = append(parts, fmt.Sprintf(lblKelurahan, codeNames(sasaranKel, g.Kelurahans)))
	}
	if g.EventID != 0 {
		parts = append(parts, fmt.Sprintf(lblAcara, g.EventTitle))
	}
	if len(parts) == 0 {
		return lblSemua
	}
	return strings.Join(parts, "; ")
}

func codeNames(kind string, list []string) string {
	codes, labels := choices(kind)
	names := make([]string, 0, len(list))
	for _, c := range list {
		if i := slices.Index(codes, c); i >= 0 {
			names = append(names, labels[i])
		} else {
			names = append(names, c)
		}
	}
	return strings.Join(names, ", ")
}

// finishUmumkan stores a draft, shows the preview exactly as volunteers
// will receive it and asks Kirim / Batal with the number of recipients.
func (h *Handlers) finishUmumkan(ctx context.Context, s *conversations.Session) (string, error) {
	seg := segmentOf(s)
	label := html.EscapeString(segmentLabel(seg))
	n, err := h.Store.CountSegment(ctx, seg)
	if err != nil {
		return "", err
	}
	if n == 0 {
		return fmt.Sprintf(msgNoRecipient, label), nil
	}
	b := &storage.Broadcast{CreatedBy: s.Chat.UserID, ChatID: s.Chat.ChatID, Text: s.Get(keyPesan), PhotoFileID: s.Get(keyFoto)}
	if err := h.Store.CreateBroadcastDraft(ctx, b, seg); err != nil {
		return "", err
	}
	if err := h.SendHTML(ctx, s.Chat.ChatID, msgPreviewHead, tgbotapi.NewRemoveKeyboard(false)); err != nil {
		return "", err
	}
	if _, err := broadcast.Send(ctx, h.broadcasts.Caller(), b, s.Chat.ChatID, false); err != nil {
		return "", fmt.Errorf("umumkan: preview: %w", err)
	}
	id := strconv.FormatInt(b.ID, 10)
	kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnKirimUmumkan, "um:go:"+id),
		tgbotapi.NewInlineKeyboardButtonData(btnUbahPesan, "um:ed:"+id),
		tgbotapi.NewInlineKeyboardButtonData(btnBatalKirim, "um:no:"+id),
	))
	if err := h.SendHTML(ctx, s.Chat.ChatID, fmt.Sprintf(msgConfirmSend, label, kit.FormatInt(n)), kb); err != nil {
		return "", err
	}
	return "", nil // everything is said
}

// umumkanButton handles Kirim / Ubah pesan / Batal of a draft. Callbacks can be
// forged: only the coordinator who wrote the draft can send or cancel it.
func (h *Handlers) umumkanButton(ctx context.Context, r *Request) (string, error) {
	parts := strings.Split(r.Callback.Data, ":")
	if len(parts) != 3 || r.Callback.Message == nil {
		return kit.MsgButtonExpired, nil
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return kit.MsgButtonExpired, nil
	}
	b, err := h.Store.BroadcastByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) || (err == nil && (b.CreatedBy != r.From.ID || b.Status != storage.BroadcastDraft)) {
		h.RemoveButtons(ctx, r.Callback)
		return kit.MsgButtonExpired, nil
	}
	if err != nil {
		return "", err
	}
	msgID := r.Callback.Message.MessageID
	switch parts[1] {
	case "go":
		b, err := h.Store.StartBroadcast(ctx, id, int64(msgID))
		if errors.Is(err, storage.ErrNotFound) {
			return kit.MsgButtonExpired, nil
		}
		if err != nil {
			return "", err
		}
		text := broadcastProgress(b, storage.BroadcastCounts{Pending: b.Total})
		if _, err := h.Store.ClaimProgress(ctx, b.ID, text, 0); err != nil {
			return "", err
		}
		h.EditHTML(ctx, r.Chat.ChatID, msgID, text)
		h.broadcasts.Kick()
		h.Log.Info("broadcast started", "broadcast_id", b.ID, "recipients", b.Total, "user_id", r.From.ID)
		return answerStarted, nil
	case "no":
		if err := h.Store.CancelBroadcastDraft(ctx, id); err != nil && !errors.Is(err, storage.ErrNotFound) {
			return "", err
		}
		h.EditHTML(ctx, r.Chat.ChatID, msgID, msgSendCancel)
		return "", nil
	case "ed":
		// The draft is dropped; the flow asks the message again for the
		// same audience and shows a new preview.
		if err := h.Store.CancelBroadcastDraft(ctx, id); errors.Is(err, storage.ErrNotFound) {
			return kit.MsgButtonExpired, nil
		} else if err != nil {
			return "", err
		}
		h.RemoveButtons(ctx, r.Callback)
		return answerUbahPesan, h.Engine.Start(ctx, r.Chat, flowUmumkan, map[string]string{keySegmen: string(b.SegmentJSON)})
	}
	return kit.MsgButtonExpired, nil
}

// editHTML replaces the text of a bot message and its buttons.
func (h *Handlers) editHTML(ctx context.Context, chatID int64, msgID int, text string) {
	e := tgbotapi.NewEditMessageText(chatID, msgID, text)
	e.ParseMode = tgbotapi.ModeHTML
	if _, err := h.Send.Request(ctx, e); err != nil {
		h.Log.Warn("editing message failed", "chat_id", chatID, "error", err)
	}
}

// broadcastHistory lists the last broadcasts with their counts.
func (h *Handlers) broadcastHistory(ctx context.Context, r *Request) error {
	list, err := h.Store.RecentBroadcasts(ctx, historySize)
	if err != nil {
		return err
	}
	if len(list) == 0 {
		return h.Reply(ctx, r, msgHistoryNone)
	}
	var sb strings.Builder
	sb.WriteString(msgHistoryTitle)
	for i := range list {
		b := &list[i]
		seg, _ := b.Segment()
		when := b.CreatedAt
		if b.StartedAt != nil {
			when = *b.StartedAt
		}
		sending := ""
		if b.Status == storage.BroadcastSending {
			sending = msgHistorySend
		}
		fmt.Fprintf(&sb, msgHistoryItem, kit.FormatDateTime(when), html.EscapeString(segmentLabel(seg)),
			kit.FormatInt(b.Sent), kit.FormatInt(b.All()), kit.FormatInt(b.Blocked),
			kit.FormatInt(b.Failed), sending)
	}
	sb.WriteString(msgHistoryHint)
	return h.Reply(ctx, r, sb.String())
}

// BroadcastTexts are the coordinator's progress and report texts, for the
// broadcast runner.
func BroadcastTexts() broadcast.Texts {
	return broadcast.Texts{Progress: broadcastProgress, Report: broadcastReport}
}

func broadcastProgress(b *storage.Broadcast, c storage.BroadcastCounts) string {
	seg, _ := b.Segment()
	format := msgProgress
	if c.Pending == 0 {
		format = msgProgDone
	}
	return fmt.Sprintf(format, html.EscapeString(segmentLabel(seg)), kit.FormatInt(c.Sent),
		kit.FormatInt(c.All()), kit.FormatInt(c.Blocked+c.Failed))
}

func broadcastReport(b *storage.Broadcast, c storage.BroadcastCounts) string {
	seg, _ := b.Segment()
	return fmt.Sprintf(msgReport, html.EscapeString(segmentLabel(seg)), kit.FormatInt(c.Sent),
		kit.FormatInt(c.Blocked), kit.FormatInt(c.Failed))
}
