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
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/bot"
	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowAcara = "acara"

	keyEvJudul   = "judul"
	keyEvJenis   = "jenis"
	keyEvMulai   = "mulai"   // RFC 3339
	keyEvSelesai = "selesai" // RFC 3339 or "" (none)
	keyEvTempat  = "tempat"
	keyEvPin     = "pin"     // "lat,lon" or "" (none)
	keyEvPilar   = "pilar"   // JSON list of pilar codes; "[]" = every pilar
	keyEvWilayah = "wilayah" // JSON list of kecamatan/kelurahan codes; "[]" = the whole city
	keyEvKet     = "keterangan"
	keyEvKuota   = "kuota" // "" = unlimited
	keyEvID      = "_eid"  // the event being changed

	maxAcaraList = 10
)

// acara lists the coordinator's upcoming events with their buttons;
// "/acara baru" starts the flow for a new one.
func (h *Handlers) acara(ctx context.Context, r *Request) error {
	if strings.EqualFold(r.Args, "baru") {
		return h.Engine.Start(ctx, r.Chat, flowAcara, nil)
	}
	events, err := h.Store.UpcomingEventsBy(ctx, r.From.ID, h.Now(), maxAcaraList)
	if err != nil {
		return err
	}
	newKB := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
		tgbotapi.NewInlineKeyboardButtonData(btnEvNew, "ev:new")))
	if len(events) == 0 {
		return h.SendHTML(ctx, r.Chat.ChatID, msgAcaraNone, newKB)
	}
	if err := h.Replyf(ctx, r, msgAcaraListTitle, kit.FormatInt(len(events))); err != nil {
		return err
	}
	for i := range events {
		e := &events[i]
		id := strconv.FormatInt(e.ID, 10)
		kb := tgbotapi.NewInlineKeyboardMarkup(
			tgbotapi.NewInlineKeyboardRow(
				tgbotapi.NewInlineKeyboardButtonData(btnEvEdit, "ev:e:"+id),
				tgbotapi.NewInlineKeyboardButtonData(btnEvCancel, "ev:c:"+id)),
			tgbotapi.NewInlineKeyboardRow(
				tgbotapi.NewInlineKeyboardButtonData(btnEvAttendance, "ev:a:"+id),
				tgbotapi.NewInlineKeyboardButtonData(btnEvAnnounce, "ev:u:"+id)))
		if err := h.SendHTML(ctx, r.Chat.ChatID, eventCard(e, true), kb); err != nil {
			return err
		}
	}
	return h.SendHTML(ctx, r.Chat.ChatID, msgAcaraNewOffer, newKB)
}

// eventButton handles the coordinator's buttons: "ev:new", "ev:e:<id>"
// (edit), "ev:c:<id>" (cancel?), "ev:cy:<id>" / "ev:cn:<id>" (confirm),
// "ev:a:<id>" (attendance) and "ev:u:<id>" (Umumkan sekarang). The router
// lets only coordinators press them; ownership is checked here, since
// callback data can be forged.
func (h *Handlers) eventButton(ctx context.Context, r *Request) (string, error) {
	parts := strings.Split(r.Callback.Data, ":")
	if len(parts) == 2 && parts[1] == "new" {
		return "", h.Engine.Start(ctx, r.Chat, flowAcara, nil)
	}
	if len(parts) != 3 {
		return kit.MsgButtonExpired, nil
	}
	id, err := strconv.ParseInt(parts[2], 10, 64)
	if err != nil {
		return kit.MsgButtonExpired, nil
	}
	e, err := h.Store.EventByID(ctx, id)
	if errors.Is(err, storage.ErrNotFound) {
		h.RemoveButtons(ctx, r.Callback)
		return answerEvGone, nil
	}
	if err != nil {
		return "", err
	}
	if e.CreatedBy != r.From.ID && !h.Admins[r.From.ID] {
		return answerEvNotYours, nil
	}
	if parts[1] == "a" {
		return "", h.SendHTML(ctx, r.Chat.ChatID, h.attendanceText(ctx, e), nil)
	}
	if e.CancelledAt != nil {
		h.RemoveButtons(ctx, r.Callback)
		return answerEvCancelled, nil
	}
	if !h.Now().Before(e.StartsAt) && parts[1] != "cn" {
		return answerEvStarted, nil
	}
	switch parts[1] {
	case "e":
		return "", h.Engine.Review(ctx, r.Chat, flowAcara, eventAnswers(e))
	case "c":
		kb := tgbotapi.NewInlineKeyboardMarkup(tgbotapi.NewInlineKeyboardRow(
			tgbotapi.NewInlineKeyboardButtonData(btnEvCancelYes, "ev:cy:"+parts[2]),
			tgbotapi.NewInlineKeyboardButtonData(btnEvCancelNo, "ev:cn:"+parts[2])))
		text := fmt.Sprintf(msgEvCancelConfirm, html.EscapeString(e.Title), kit.FormatInt(e.Attending))
		return answerEvSure, h.SendHTML(ctx, r.Chat.ChatID, text, kb)
	case "cn":
		h.RemoveButtons(ctx, r.Callback)
		return "", h.Replyf(ctx, r, msgEvNotCancelled, html.EscapeString(e.Title))
	case "cy":
		return h.cancelEvent(ctx, r, e)
	case "u":
		return "", h.announceEvent(ctx, r, e)
	}
	return kit.MsgButtonExpired, nil
}

// cancelEvent cancels e and tells those who answered Hadir.
func (h *Handlers) cancelEvent(ctx context.Context, r *Request, e *storage.Event) (string, error) {
	h.RemoveButtons(ctx, r.Callback)
	if _, err := h.Store.CancelEvent(ctx, e.ID); errors.Is(err, storage.ErrEventCancelled) {
		return answerEvCancelled, nil
	} else if err != nil {
		return "", err
	}
	atts, err := h.Store.Attendees(ctx, e.ID)
	if err != nil {
		return "", err
	}
	notice := fmt.Sprintf(msgEvCancelledNotice, html.EscapeString(e.Title), kit.FormatDateTime(e.StartsAt), html.EscapeString(e.Place))
	n := h.notifyAttendees(ctx, atts, notice)
	h.Log.Info("event cancelled", "event_id", e.ID, "user_id", r.From.ID, "notified", n)
	return "", h.Replyf(ctx, r, msgEvCancelled, html.EscapeString(e.Title), kit.FormatInt(n))
}

// notifyAttendees sends text, in the background and behind conversation
// replies, to everyone who answered Hadir and can be reached. It returns
// how many that are.
func (h *Handlers) notifyAttendees(ctx context.Context, atts []storage.Attendee, text string) int {
	var chats []int64
	for _, a := range atts {
		if a.Attending && !a.Unreachable {
			chats = append(chats, a.ChatID)
		}
	}
	h.Go(ctx, func(ctx context.Context) {
		ctx = bot.WithPriority(ctx, bot.PriorityBulk)
		for _, id := range chats {
			if err := h.SendHTML(ctx, id, text, nil); err != nil {
				h.Log.Warn("event notice failed", "chat_id", id, "error", err)
			}
		}
	})
	return len(chats)
}

// attendanceText is the attendance list of an event for its coordinator.
func (h *Handlers) attendanceText(ctx context.Context, e *storage.Event) string {
	atts, err := h.Store.Attendees(ctx, e.ID)
	if err != nil {
		h.Log.Error("loading attendees failed", "event_id", e.ID, "error", err)
		return kit.MsgSystemDown
	}
	var yes, no, verified, unverified int
	for _, a := range atts {
		switch {
		case !a.Attending:
			no++
		case a.CheckedInAt != nil && a.Verified:
			verified++
		case a.CheckedInAt != nil:
			unverified++
		}
		if a.Attending {
			yes++
		}
	}
	var b strings.Builder
	b.WriteString(fmt.Sprintf(msgAttTitle, html.EscapeString(e.Title), kit.FormatDateTime(e.StartsAt)) + "\n\n")
	quota := ""
	if e.Quota != nil {
		quota = fmt.Sprintf(msgAttQuota, kit.FormatInt(*e.Quota))
	}
	b.WriteString(fmt.Sprintf(msgAttCounts, kit.FormatInt(yes), quota, kit.FormatInt(verified+unverified),
		kit.FormatInt(verified), kit.FormatInt(unverified), kit.FormatInt(no)))
	if len(atts) == 0 {
		b.WriteString("\n\n" + msgAttNobody)
		return b.String()
	}
	const maxLines = 60 // keeps the message far below 4096 characters
	lines, shown := 0, false
	for _, a := range atts {
		if lines == maxLines {
			b.WriteString("\n" + fmt.Sprintf(msgAttMore, kit.FormatInt(len(atts)-lines)))
			break
		}
		if !a.Attending && !shown {
			b.WriteString("\n\n" + msgAttAbsentHead)
			shown = true
		} else if lines == 0 {
			b.WriteString("\n")
		}
		lines++
		who := html.EscapeString(a.FullName) + " (" + html.EscapeString(kit.PilarShort(a.Pilar)) + ", " + html.EscapeString(kit.KelurahanName(a.KelurahanCode)) + ")"
		status := ""
		switch {
		case !a.Attending:
		case a.CheckedInAt != nil && a.Verified:
			at := a.CheckedInAt.In(domain.WIB).Format("15.04")
			if a.DistanceM != nil {
				at += ", " + kit.FormatDistance(*a.DistanceM)
			}
			status = " – " + fmt.Sprintf(msgAttCheckedIn, at)
		case a.CheckedInAt != nil:
			status = " – " + fmt.Sprintf(msgAttUnverified, a.CheckedInAt.In(domain.WIB).Format("15.04"))
		default:
			status = " – " + msgAttNotYet
		}
		b.WriteString(fmt.Sprintf("\n%d. %s%s", lines, who, status))
	}
	return b.String()
}

// eventCard describes an event (HTML). full adds the description and the
// pin.
func eventCard(e *storage.Event, full bool) string {
	var b strings.Builder
	b.WriteString("<b>" + html.EscapeString(e.Title) + "</b> (" + eventKindLabel(e.Kind) + ")")
	when := kit.FormatDateTime(e.StartsAt)
	if e.EndsAt != nil {
		when += fmt.Sprintf(cardUntil, endLabel(e.StartsAt, *e.EndsAt))
	}
	b.WriteString("\n" + fmt.Sprintf(cardDate, when))
	b.WriteString("\n" + fmt.Sprintf(cardPlace, html.EscapeString(e.Place)))
	b.WriteString("\n" + fmt.Sprintf(cardTarget, html.EscapeString(showPilars(e.Pilars)), html.EscapeString(showRegions(e.Regions))))
	att := fmt.Sprintf(cardAttending, kit.FormatInt(e.Attending))
	if e.Quota != nil {
		att += fmt.Sprintf(cardQuota, kit.FormatInt(*e.Quota))
	}
	b.WriteString("\n" + att)
	if full {
		if e.HasPin() {
			b.WriteString("\n" + cardMap)
		}
		if e.Description != "" {
			b.WriteString("\n" + fmt.Sprintf(cardDesc, html.EscapeString(e.Description)))
		}
	}
	return b.String()
}

// endLabel is the end time, with the date only when it is another day.
func endLabel(start, end time.Time) string {
	if kit.FormatDate(start) == kit.FormatDate(end) {
		end = end.In(domain.WIB)
		return fmt.Sprintf("%02d.%02d WIB", end.Hour(), end.Minute())
	}
	return kit.FormatDateTime(end)
}

func eventKindLabel(code string) string {
	for _, k := range eventKinds {
		if k.Code == code {
			return k.Label
		}
	}
	return code
}

func showPilars(codes []string) string {
	if len(codes) == 0 {
		return showAllPilar
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		names[i] = kit.PilarShort(c)
	}
	return strings.Join(names, ", ")
}

func showRegions(codes []string) string {
	if len(codes) == 0 {
		return showAllRegion
	}
	names := make([]string, len(codes))
	for i, c := range codes {
		if k, ok := domain.KecamatanByCode(c); ok {
			names[i] = kecButtonPrefix + k.Name
		} else {
			names[i] = kit.KelurahanName(c)
		}
	}
	return strings.Join(names, ", ")
}

// eventTargets reports whether an event is aimed at a volunteer of pilar
// in kelurahan: every pilar or theirs, and the whole city, their kelurahan
// or their kecamatan. storage.EventsFor applies the same rule in SQL.
func eventTargets(pilars, regions []string, pilar, kelurahanCode string) bool {
	if len(pilars) > 0 && !slices.Contains(pilars, pilar) {
		return false
	}
	if len(regions) == 0 {
		return true
	}
	kec := ""
	if k, ok := domain.KelurahanByCode(kelurahanCode); ok {
		kec = k.KecamatanCode
	}
	return slices.Contains(regions, kelurahanCode) || (kec != "" && slices.Contains(regions, kec))
}

// audienceOf is the targeting key of a volunteer.
func audienceOf(v *storage.Volunteer) storage.Audience {
	a := storage.Audience{VolunteerID: v.ID, Pilar: v.Pilar, KelurahanCode: v.KelurahanCode}
	if k, ok := domain.KelurahanByCode(v.KelurahanCode); ok {
		a.KecamatanCode = k.KecamatanCode
	}
	return a
}

// acaraFlow creates or changes an event.
func (h *Handlers) acaraFlow() *conversations.Flow {
	kindLabels := make([]string, len(eventKinds))
	for i, k := range eventKinds {
		kindLabels[i] = k.Label
	}
	text := func(min, max int) func(context.Context, *conversations.Session, *tgbotapi.Message) (string, error) {
		return conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
			return parse.Text(t, min, max)
		})
	}
	return &conversations.Flow{
		Name:         flowAcara,
		Entry:        "acara",
		Title:        flowAcaraTitle,
		Confirm:      true,
		SummaryTitle: summaryAcara,
		Steps: []conversations.Step{
			{Key: keyEvJudul, Label: labelEvJudul, Ask: kit.Fixed(askEvJudul, nil), Accept: text(3, 150)},
			{
				Key: keyEvJenis, Label: labelEvJenis,
				Ask: kit.Fixed(askEvJenis, conversations.Keyboard(3, kindLabels...)),
				Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
					for _, k := range eventKinds {
						if kit.NormalizeChoice(t) == kit.NormalizeChoice(k.Label) || kit.NormalizeChoice(t) == kit.NormalizeChoice(k.Code) {
							return k.Code, nil
						}
					}
					return "", conversations.Invalidf(errEvJenis)
				}),
				Show: func(_ *conversations.Session, v string) string { return eventKindLabel(v) },
			},
			{
				Key: keyEvMulai, Label: labelEvMulai,
				Ask: kit.Fixed(askEvMulai, nil),
				Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
					now := h.Now()
					at, err := parse.DateTime(t, now)
					if err != nil {
						return "", err
					}
					if !at.After(now) {
						return "", conversations.Invalidf(errEvPast)
					}
					return at.Format(time.RFC3339), nil
				}),
				Show: func(_ *conversations.Session, v string) string { return showTime(v) },
			},
			{
				Key: keyEvSelesai, Label: labelEvSelesai, Dependent: true,
				Ask:    kit.Fixed(askEvSelesai, conversations.Keyboard(1, btnSkip)),
				Accept: conversations.TextAnswer(h.acceptEnd),
				Show:   func(_ *conversations.Session, v string) string { return showTime(v) },
			},
			{Key: keyEvTempat, Label: labelEvTempat, Ask: kit.Fixed(askEvTempat, nil), Accept: text(3, 200)},
			{
				Key: keyEvPin, Label: labelEvPin,
				Ask:    kit.Fixed(askEvPin, kit.LocationKeyboard(btnSendLocation, btnSkip)),
				Accept: acceptPin,
				Show: func(_ *conversations.Session, v string) string {
					if v == "" {
						return showNoPin
					}
					return showPinSet
				},
			},
			{
				Key: keyEvPilar, Label: labelEvPilar,
				Ask:    h.askPilars,
				Accept: conversations.TextAnswer(acceptPilarChoice),
				Show:   func(_ *conversations.Session, v string) string { return showPilars(decodeList(v)) },
			},
			{
				Key: keyEvWilayah, Label: labelEvWilayah,
				Ask:    h.askRegions,
				Accept: conversations.TextAnswer(acceptRegionChoice),
				Show:   func(_ *conversations.Session, v string) string { return showRegions(decodeList(v)) },
			},
			{Key: keyEvKet, Label: labelEvKet, Ask: kit.Fixed(askEvKet, nil), Accept: text(3, 1000)},
			{
				Key: keyEvKuota, Label: labelEvKuota,
				Ask: kit.Fixed(askEvKuota, conversations.Keyboard(1, btnSkip)),
				Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
					if kit.NormalizeChoice(t) == kit.NormalizeChoice(btnSkip) {
						return "", nil
					}
					n, err := parse.Int(t, 1, 100000)
					return strconv.Itoa(n), err
				}),
				Show: func(_ *conversations.Session, v string) string {
					if v == "" {
						return showNoLimit
					}
					n, _ := strconv.Atoi(v)
					return kit.FormatInt(n)
				},
			},
		},
		Finish: h.finishAcara,
	}
}

// acceptEnd takes "Lewati", a time on the day of the start or a date and
// time, after the start.
func (h *Handlers) acceptEnd(_ context.Context, s *conversations.Session, t string) (string, error) {
	if kit.NormalizeChoice(t) == kit.NormalizeChoice(btnSkip) {
		return "", nil
	}
	start, err := time.Parse(time.RFC3339, s.Get(keyEvMulai))
	if err != nil {
		return "", fmt.Errorf("handlers: bad start in event flow: %w", err)
	}
	var end time.Time
	if hh, mm, err := parse.Time(t); err == nil {
		st := start.In(domain.WIB)
		end = time.Date(st.Year(), st.Month(), st.Day(), hh, mm, 0, 0, domain.WIB)
	} else if end, err = parse.DateTime(t, h.Now()); err != nil {
		return "", conversations.Invalidf(errEvEnd)
	}
	if !end.After(start) {
		return "", conversations.Invalidf(errEvEndBefore)
	}
	return end.Format(time.RFC3339), nil
}

func acceptPin(_ context.Context, _ *conversations.Session, m *tgbotapi.Message) (string, error) {
	if l := m.Location; l != nil {
		return strconv.FormatFloat(l.Latitude, 'f', -1, 64) + "," + strconv.FormatFloat(l.Longitude, 'f', -1, 64), nil
	}
	if kit.NormalizeChoice(m.Text) == kit.NormalizeChoice(btnSkip) {
		return "", nil
	}
	return "", conversations.Invalidf(errEvPin)
}

func (h *Handlers) askPilars(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	labels := []string{btnAllPilar}
	for _, p := range domain.Pilars() {
		labels = append(labels, p.Short)
	}
	labels = append(labels, btnDone)
	return conversations.Prompt{
		Text:     fmt.Sprintf(askEvPilar, html.EscapeString(showChosen(s.Get(keyEvPilar), showPilars))),
		Keyboard: conversations.Keyboard(2, labels...),
	}, nil
}

func (h *Handlers) askRegions(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	labels := []string{btnAllRegion}
	for _, k := range domain.Kecamatans() {
		labels = append(labels, kecButtonPrefix+k.Name)
	}
	labels = append(labels, btnDone)
	return conversations.Prompt{
		Text:     fmt.Sprintf(askEvWilayah, html.EscapeString(showChosen(s.Get(keyEvWilayah), showRegions))),
		Keyboard: conversations.Keyboard(1, labels...),
	}, nil
}

// showChosen shows a multi-select answer while it is collected: "" is
// nothing yet, "[]" is everything.
func showChosen(v string, show func([]string) string) string {
	if v == "" {
		return showNone
	}
	return show(decodeList(v))
}

// acceptPilarChoice is one press of the pilar multi-select: a pilar is
// added (or removed when chosen already) and the step asked again; "Semua
// pilar" and "Selesai" end it.
func acceptPilarChoice(_ context.Context, s *conversations.Session, t string) (string, error) {
	cur := s.Get(keyEvPilar)
	switch kit.NormalizeChoice(t) {
	case kit.NormalizeChoice(btnAllPilar):
		return "[]", nil
	case kit.NormalizeChoice(btnDone), "selesai":
		if cur == "" {
			return "", conversations.Invalidf(errEvPickOne)
		}
		return cur, nil
	}
	code, err := kit.MatchPilar(t)
	if err != nil {
		return "", conversations.Invalidf(errEvPilarPick)
	}
	return toggle(cur, code), conversations.More
}

// acceptRegionChoice is one answer of the region multi-select: a
// "Kec. …" button chooses a kecamatan, a typed name a kelurahan.
func acceptRegionChoice(_ context.Context, s *conversations.Session, t string) (string, error) {
	cur := s.Get(keyEvWilayah)
	switch kit.NormalizeChoice(t) {
	case kit.NormalizeChoice(btnAllRegion), "semua kelurahan", "semua":
		return "[]", nil
	case kit.NormalizeChoice(btnDone), "selesai":
		if cur == "" {
			return "", conversations.Invalidf(errEvPickOne)
		}
		return cur, nil
	}
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(t)), "kec") {
		k, err := parse.Kecamatan(t)
		if err != nil {
			return "", err
		}
		return toggle(cur, k.Code), conversations.More
	}
	k, err := parse.Kelurahan(t, "")
	if err != nil {
		return "", err
	}
	return toggle(cur, k.Code), conversations.More
}

// toggle adds code to the JSON list cur, or removes it when present. The
// list "[]" (everything) starts afresh.
func toggle(cur, code string) string {
	list := decodeList(cur)
	if i := slices.Index(list, code); i >= 0 {
		list = slices.Delete(list, i, i+1)
	} else {
		list = append(list, code)
	}
	return encodeList(list)
}

func decodeList(v string) []string {
	var list []string
	_ = json.Unmarshal([]byte(v), &list)
	return list
}

func encodeList(list []string) string {
	if list == nil {
		list = []string{}
	}
	b, _ := json.Marshal(list)
	return string(b)
}

func showTime(v string) string {
	if v == "" {
		return "-"
	}
	t, err := time.Parse(time.RFC3339, v)
	if err != nil {
		return v
	}
	return kit.FormatDateTime(t)
}

// eventFromAnswers builds an event from the flow's answers.
func eventFromAnswers(s *conversations.Session) (*storage.Event, error) {
	e := &storage.Event{
		Title:       s.Get(keyEvJudul),
		Kind:        s.Get(keyEvJenis),
		Place:       s.Get(keyEvTempat),
		Pilars:      decodeList(s.Get(keyEvPilar)),
		Regions:     decodeList(s.Get(keyEvWilayah)),
		Description: s.Get(keyEvKet),
	}
	var err error
	if e.StartsAt, err = time.Parse(time.RFC3339, s.Get(keyEvMulai)); err != nil {
		return nil, fmt.Errorf("handlers: bad start in event flow: %w", err)
	}
	if v := s.Get(keyEvSelesai); v != "" {
		end, err := time.Parse(time.RFC3339, v)
		if err != nil {
			return nil, fmt.Errorf("handlers: bad end in event flow: %w", err)
		}
		e.EndsAt = &end
	}
	if lat, lon, ok := strings.Cut(s.Get(keyEvPin), ","); ok {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(lon, 64)
		if err1 == nil && err2 == nil {
			e.Latitude, e.Longitude = &la, &lo
		}
	}
	if v := s.Get(keyEvKuota); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return nil, fmt.Errorf("handlers: bad quota in event flow: %w", err)
		}
		e.Quota = &n
	}
	return e, nil
}

// eventAnswers prefills the flow from a stored event, for changing it.
func eventAnswers(e *storage.Event) map[string]string {
	a := map[string]string{
		keyEvID:      strconv.FormatInt(e.ID, 10),
		keyEvJudul:   e.Title,
		keyEvJenis:   e.Kind,
		keyEvMulai:   e.StartsAt.In(domain.WIB).Format(time.RFC3339),
		keyEvTempat:  e.Place,
		keyEvPilar:   encodeList(e.Pilars),
		keyEvWilayah: encodeList(e.Regions),
		keyEvKet:     e.Description,
	}
	if e.EndsAt != nil {
		a[keyEvSelesai] = e.EndsAt.In(domain.WIB).Format(time.RFC3339)
	}
	if e.HasPin() {
		a[keyEvPin] = strconv.FormatFloat(*e.Latitude, 'f', -1, 64) + "," + strconv.FormatFloat(*e.Longitude, 'f', -1, 64)
	}
	if e.Quota != nil {
		a[keyEvKuota] = strconv.Itoa(*e.Quota)
	}
	return a
}

// finishAcara saves a new event or the changes to one.
func (h *Handlers) finishAcara(ctx context.Context, s *conversations.Session) (string, error) {
	e, err := eventFromAnswers(s)
	if err != nil {
		return "", err
	}
	if idText := s.Get(keyEvID); idText != "" {
		e.ID, _ = strconv.ParseInt(idText, 10, 64)
		return h.saveEventChange(ctx, s, e)
	}
	if !e.StartsAt.After(h.Now()) {
		return "", conversations.Invalidf(errEvStartGone)
	}
	e.CreatedBy = s.Chat.UserID
	if err := h.Store.CreateEvent(ctx, e); err != nil {
		return "", err
	}
	h.Log.Info("event created", "event_id", e.ID, "user_id", s.Chat.UserID)
	h.offerAnnouncement(ctx, s.Chat.ChatID, e)
	return "", nil // offerAnnouncement said everything
}

// saveEventChange stores a changed event; a new time or place is told to
// those who answered Hadir.
func (h *Handlers) saveEventChange(ctx context.Context, s *conversations.Session, e *storage.Event) (string, error) {
	cur, err := h.Store.EventByID(ctx, e.ID)
	if errors.Is(err, storage.ErrNotFound) {
		return answerEvGone, nil
	}
	if err != nil {
		return "", err
	}
	if cur.CreatedBy != s.Chat.UserID && !h.Admins[s.Chat.UserID] {
		return answerEvNotYours, nil
	}
	if !cur.StartsAt.Equal(e.StartsAt) && !e.StartsAt.After(h.Now()) {
		return "", conversations.Invalidf(errEvStartGone)
	}
	old, err := h.Store.UpdateEvent(ctx, e, h.Now())
	if errors.Is(err, storage.ErrEventCancelled) {
		return answerEvCancelled, nil
	}
	if err != nil {
		return "", err
	}
	fresh, err := h.Store.EventByID(ctx, e.ID)
	if err != nil {
		return "", err
	}
	text := fmt.Sprintf(msgAcaraUpdated, eventCard(fresh, true))
	if eventMoved(old, fresh) {
		atts, err := h.Store.Attendees(ctx, e.ID)
		if err != nil {
			return "", err
		}
		if h.notifyAttendees(ctx, atts, fmt.Sprintf(msgEvChangedNotice, eventCard(fresh, false))) > 0 {
			text += msgAcaraChanged
		}
	}
	h.Log.Info("event changed", "event_id", e.ID, "user_id", s.Chat.UserID)
	return text, nil
}

// eventMoved reports whether the time or the place of an event changed.
func eventMoved(a, b *storage.Event) bool {
	sameTime := func(x, y *time.Time) bool { return (x == nil && y == nil) || (x != nil && y != nil && x.Equal(*y)) }
	sameF := func(x, y *float64) bool { return (x == nil && y == nil) || (x != nil && y != nil && *x == *y) }
	return !a.StartsAt.Equal(b.StartsAt) || !sameTime(a.EndsAt, b.EndsAt) || a.Place != b.Place ||
		!sameF(a.Latitude, b.Latitude) || !sameF(a.Longitude, b.Longitude)
}
