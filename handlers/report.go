package handlers

import (
	"context"
	"encoding/json"
	"fmt"
	"html"
	"strconv"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

const (
	flowLapor = "lapor"

	keyRJenis     = "jenis"
	keyRBencana   = "bencana"
	keyRKorban    = "korban"
	keyRPengungsi = "pengungsi"
	keyRKebutuhan = "kebutuhan"
	keyRPMKS      = "pmks"
	keyRPenerima  = "penerima"
	keyRTanggal   = "tanggal"
	keyRKel       = "kel"
	keyRTitik     = "titik"
	keyRUraian    = "uraian"
	keyRFoto      = "foto"
	keyRPilar     = "_pilar"  // the volunteer's pilar when the flow started
	keyROwnKel    = "_ownkel" // the volunteer's own kelurahan, offered as one tap
	keyRAlbum     = "_album"  // media_group_id of the album being received
	keyRRefused   = "_full"   // media_group_id already told "at most 5"

	maxPhotos    = 5
	maxCount     = 100000 // victims, evacuees, beneficiaries
	minUraian    = 10
	maxUraian    = 2000
	maxKebutuhan = 500
)

// lapor starts an activity report for a verified volunteer and tells
// anyone else why they cannot report yet.
func (h *Handlers) lapor(ctx context.Context, r *Request) error {
	v, err := h.VolunteerOf(ctx, r)
	if err != nil {
		return err
	}
	switch {
	case v == nil:
		return h.Reply(ctx, r, msgLaporNotRegistered)
	case v.Status == domain.StatusPending:
		return h.Reply(ctx, r, msgLaporPending)
	case v.Status == domain.StatusRejected:
		return h.Reply(ctx, r, msgLaporRejected)
	}
	return h.Engine.Start(ctx, r.Chat, flowLapor, map[string]string{
		keyRPilar:  v.Pilar,
		keyROwnKel: v.KelurahanCode,
	})
}

// laporFlow is the activity report as a conversation. The pilar-specific
// questions come right after the activity type and are Dependent, so that
// changing the type through "Ubah" asks the questions of the new type.
func (h *Handlers) laporFlow() *conversations.Flow {
	disaster := func(s *conversations.Session) bool {
		a, _ := domain.ActivityOf(s.Get(keyRPilar), s.Get(keyRJenis))
		return !a.Disaster
	}
	pmks := func(s *conversations.Session) bool {
		a, _ := domain.ActivityOf(s.Get(keyRPilar), s.Get(keyRJenis))
		return !a.PMKS
	}
	persons := func(_ *conversations.Session, v string) string {
		n, err := strconv.Atoi(v)
		if err != nil {
			return v
		}
		return fmt.Sprintf(showPersons, kit.FormatInt(n))
	}
	return &conversations.Flow{
		Name:         flowLapor,
		Entry:        "lapor",
		Title:        flowLaporTitle,
		Confirm:      true,
		SummaryTitle: summaryLapor,
		SaveLabel:    btnKirim,
		Steps: []conversations.Step{
			{
				Key: keyRJenis, Label: labelJenis,
				Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
					var labels []string
					for _, a := range domain.ActivitiesOf(s.Get(keyRPilar)) {
						labels = append(labels, a.Label)
					}
					return conversations.Prompt{Text: askJenis, Keyboard: conversations.Keyboard(2, labels...)}, nil
				},
				Accept: conversations.TextAnswer(func(_ context.Context, s *conversations.Session, t string) (string, error) {
					for _, a := range domain.ActivitiesOf(s.Get(keyRPilar)) {
						if kit.NormalizeChoice(t) == kit.NormalizeChoice(a.Label) {
							return a.Code, nil
						}
					}
					return "", conversations.Invalidf(errJenisChoice)
				}),
				Show: func(s *conversations.Session, v string) string {
					a, _ := domain.ActivityOf(s.Get(keyRPilar), v)
					return a.Label
				},
			},
			{
				Key: keyRBencana, Label: labelBencana, Skip: disaster, Dependent: true,
				Ask:    kit.Fixed(askBencana, conversations.Keyboard(2, domain.DisasterTypes...)),
				Accept: (kit.Choice(domain.DisasterTypes, errBencanaChoice)),
			},
			{
				Key: keyRKorban, Label: labelKorban, Skip: disaster, Dependent: true,
				Ask: kit.Fixed(askKorban, nil), Accept: acceptCount(0), Show: persons,
			},
			{
				Key: keyRPengungsi, Label: labelPengungsi, Skip: disaster, Dependent: true,
				Ask: kit.Fixed(askPengungsi, nil), Accept: acceptCount(0), Show: persons,
			},
			{
				Key: keyRKebutuhan, Label: labelKebutuhan, Skip: disaster, Dependent: true,
				Ask: kit.Fixed(askKebutuhan, nil),
				Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
					return parse.Text(t, 1, maxKebutuhan)
				}),
			},
			{
				Key: keyRPMKS, Label: labelPMKS, Skip: pmks, Dependent: true,
				Ask:    kit.Fixed(askPMKS, conversations.Keyboard(2, domain.PMKSCategories...)),
				Accept: (kit.Choice(domain.PMKSCategories, errPMKSChoice)),
			},
			{
				Key: keyRPenerima, Label: labelPenerima, Skip: pmks, Dependent: true,
				Ask: kit.Fixed(askPenerima, nil), Accept: acceptCount(1), Show: persons,
			},
			{
				Key: keyRTanggal, Label: labelTanggal,
				Ask:    kit.Fixed(askTanggal, conversations.Keyboard(2, btnHariIni, btnKemarin)),
				Accept: conversations.TextAnswer(h.acceptReportDate),
				Show: func(_ *conversations.Session, v string) string {
					d, err := time.ParseInLocation(time.DateOnly, v, domain.WIB)
					if err != nil {
						return v
					}
					return kit.FormatDate(d)
				},
			},
			{
				Key: keyRKel, Label: labelLokasi,
				Ask: func(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
					if own, ok := domain.KelurahanByCode(s.Get(keyROwnKel)); ok {
						return conversations.Prompt{Text: fmt.Sprintf(askLokasiOwn, html.EscapeString(own.Name)), Keyboard: conversations.Keyboard(1, own.Name)}, nil
					}
					return conversations.Prompt{Text: askLokasi}, nil
				},
				Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
					k, err := parse.Kelurahan(t, "")
					return k.Code, err
				}),
				Show: func(_ *conversations.Session, v string) string { return kit.KelurahanLong(v) },
			},
			{
				Key: keyRTitik, Label: labelTitik,
				Ask:    kit.Fixed(askTitik, kit.LocationKeyboard(btnKirimLokasi, btnLewati)),
				Accept: h.acceptPin,
				Show: func(_ *conversations.Session, v string) string {
					if v == "" {
						return showNoPinReport
					}
					lat, lon, _ := splitPin(v)
					return fmt.Sprintf(showPinCoords, lat, lon)
				},
			},
			{
				Key: keyRUraian, Label: labelUraian,
				Ask: kit.Fixed(askUraian, nil),
				Accept: conversations.TextAnswer(func(_ context.Context, _ *conversations.Session, t string) (string, error) {
					return parse.Text(t, minUraian, maxUraian)
				}),
			},
			{
				Key: keyRFoto, Label: labelFoto,
				Ask:    askPhotos,
				Accept: acceptPhoto,
				Show: func(_ *conversations.Session, v string) string {
					if n := len(decodePhotos(v)); n > 0 {
						return fmt.Sprintf(showPhotos, n)
					}
					return showNoPhotos
				},
			},
		},
		Finish: h.finishLapor,
	}
}

// choiceOf accepts one of labels, in any letter case.
func choiceOf(labels []string, problem string) func(context.Context, *conversations.Session, string) (string, error) {
	return func(_ context.Context, _ *conversations.Session, t string) (string, error) {
		for _, l := range labels {
			if kit.NormalizeChoice(t) == kit.NormalizeChoice(l) {
				return l, nil
			}
		}
		return "", conversations.Invalidf(problem)
	}
}

// acceptCount takes a number of people from min up to maxCount. A sticker
// or a photo gets its own hint rather than the engine's generic one.
func acceptCount(min int) func(context.Context, *conversations.Session, *tgbotapi.Message) (string, error) {
	return func(_ context.Context, _ *conversations.Session, m *tgbotapi.Message) (string, error) {
		if m.Text == "" {
			return "", conversations.Invalidf(errNumberText)
		}
		n, err := parse.Int(m.Text, min, maxCount)
		return strconv.Itoa(n), err
	}
}

// acceptReportDate takes a date from maxAge days ago up to today (WIB).
func (h *Handlers) acceptReportDate(_ context.Context, _ *conversations.Session, t string) (string, error) {
	now := h.Now()
	d, err := parse.Date(t, now)
	if err != nil {
		return "", err
	}
	y, m, day := now.In(domain.WIB).Date()
	today := time.Date(y, m, day, 0, 0, 0, 0, domain.WIB)
	switch {
	case d.After(today):
		return "", conversations.Invalidf(errDateFuture)
	case d.Before(today.AddDate(0, 0, -h.reportMaxAge)):
		return "", conversations.Invalidf(fmt.Sprintf(errDateTooOld, h.reportMaxAge))
	}
	return d.Format(time.DateOnly), nil
}

// acceptPin takes a shared location inside the configured bounding box, or
// "Lewati" for none.
func (h *Handlers) acceptPin(_ context.Context, _ *conversations.Session, m *tgbotapi.Message) (string, error) {
	if l := m.Location; l != nil {
		if !h.reportBBox.Contains(l.Latitude, l.Longitude) {
			return "", conversations.Invalidf(errPinOutside)
		}
		return strconv.FormatFloat(l.Latitude, 'f', 6, 64) + "," + strconv.FormatFloat(l.Longitude, 'f', 6, 64), nil
	}
	if kit.NormalizeChoice(m.Text) == kit.NormalizeChoice(btnLewati) {
		return "", nil
	}
	return "", conversations.Invalidf(errPinInput)
}

func splitPin(v string) (lat, lon float64, ok bool) {
	a, b, found := strings.Cut(v, ",")
	lat, err1 := strconv.ParseFloat(a, 64)
	lon, err2 := strconv.ParseFloat(b, 64)
	return lat, lon, found && err1 == nil && err2 == nil
}

// photo is one collected photo in the flow state (JSON in one answer).
type photo struct {
	FileID   string `json:"f"`
	UniqueID string `json:"u"`
}

func decodePhotos(v string) []photo {
	var ps []photo
	_ = json.Unmarshal([]byte(v), &ps)
	return ps
}

func encodePhotos(ps []photo) string {
	b, _ := json.Marshal(ps)
	return string(b)
}

// askPhotos asks for photos and, after each answer, says how many arrived.
func askPhotos(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	n := len(decodePhotos(s.Get(keyRFoto)))
	labels := []string{btnSelesai}
	if n > 0 {
		labels = append(labels, btnHapusFoto)
	}
	kb := conversations.Keyboard(2, labels...)
	switch {
	case n == 0:
		return conversations.Prompt{Text: askFoto, Keyboard: kb}, nil
	case n >= maxPhotos:
		return conversations.Prompt{Text: askFotoFull, Keyboard: kb}, nil
	case s.Get(keyRAlbum) != "":
		return conversations.Prompt{Text: askFotoAlbum, Keyboard: kb}, nil
	}
	return conversations.Prompt{Text: fmt.Sprintf(askFotoMore, n), Keyboard: kb}, nil
}

// acceptPhoto collects up to five photos, then "Selesai" closes the step.
//
// An album arrives as one update per photo, sharing a media_group_id, and
// there is no update that says the album is complete. Waiting for the rest
// (a timer per chat) would make the reply depend on timing and on state
// outside the flow; instead the first photo of an album is acknowledged
// (More) and the rest of that album are stored quietly (MoreQuietly). The
// acknowledgement of an album does not give a count, since more photos are
// on their way; the summary shows the total. The per-chat ordering of the
// dispatcher guarantees the photos of an album are applied one after the
// other.
func acceptPhoto(_ context.Context, s *conversations.Session, m *tgbotapi.Message) (string, error) {
	current := s.Get(keyRFoto)
	ps := decodePhotos(current)
	if len(m.Photo) == 0 {
		switch {
		case m.Text == "":
			return current, conversations.Invalidf(errFotoInput)
		case kit.NormalizeChoice(m.Text) == kit.NormalizeChoice(btnSelesai):
			return current, nil
		case kit.NormalizeChoice(m.Text) == kit.NormalizeChoice(btnHapusFoto):
			s.Set(keyRAlbum, "")
			return "", conversations.More
		}
		return current, conversations.Invalidf(errFotoText)
	}
	group := m.MediaGroupID
	inAlbum := group != "" && group == s.Get(keyRAlbum)
	largest := m.Photo[len(m.Photo)-1]
	for _, p := range ps {
		if p.UniqueID == largest.FileUniqueID {
			if inAlbum {
				return current, conversations.MoreQuietly
			}
			return current, conversations.Invalidf(errFotoDuplicate)
		}
	}
	if len(ps) >= maxPhotos {
		// Say it once per album, not once per extra photo.
		if group != "" && group == s.Get(keyRRefused) {
			return current, conversations.MoreQuietly
		}
		s.Set(keyRRefused, group)
		return current, conversations.Invalidf(errFotoTooMany)
	}
	ps = append(ps, photo{FileID: largest.FileID, UniqueID: largest.FileUniqueID})
	if inAlbum {
		return encodePhotos(ps), conversations.MoreQuietly
	}
	s.Set(keyRAlbum, group)
	return encodePhotos(ps), conversations.More
}

// finishLapor stores the report (once, whatever redeliveries happen) and
// tells the coordinators about it.
func (h *Handlers) finishLapor(ctx context.Context, s *conversations.Session) (string, error) {
	v, err := h.Store.VolunteerByTelegramID(ctx, s.Chat.UserID)
	if err != nil {
		return "", err
	}
	if v.Status != domain.StatusVerified {
		return msgLaporPending, nil
	}
	date, err := time.Parse(time.DateOnly, s.Get(keyRTanggal))
	if err != nil {
		return "", fmt.Errorf("handlers: bad date in report flow: %w", err)
	}
	rep := &storage.Report{
		IdempotencyKey: strconv.FormatInt(s.Chat.UserID, 10) + ":" + s.State.ID,
		VolunteerID:    v.ID,
		Pilar:          s.Get(keyRPilar),
		Activity:       s.Get(keyRJenis),
		ActivityDate:   date,
		KelurahanCode:  s.Get(keyRKel),
		Description:    s.Get(keyRUraian),
	}
	if lat, lon, ok := splitPin(s.Get(keyRTitik)); ok {
		rep.Latitude, rep.Longitude = &lat, &lon
	}
	a, _ := domain.ActivityOf(rep.Pilar, rep.Activity)
	if a.Disaster {
		rep.DisasterType = s.Get(keyRBencana)
		rep.Victims = intPtr(s.Get(keyRKorban))
		rep.Evacuees = intPtr(s.Get(keyRPengungsi))
		rep.Needs = s.Get(keyRKebutuhan)
	}
	if a.PMKS {
		rep.PMKSCategory = s.Get(keyRPMKS)
		rep.Beneficiaries = intPtr(s.Get(keyRPenerima))
	}
	for _, p := range decodePhotos(s.Get(keyRFoto)) {
		rep.Photos = append(rep.Photos, storage.ReportPhoto{FileID: p.FileID, FileUniqueID: p.UniqueID})
	}
	created, err := h.Store.CreateReport(ctx, rep, s.Chat.UserID, domain.WIB)
	if err != nil {
		return "", err
	}
	if created {
		h.Log.Info("report submitted", "report_id", rep.ID, "volunteer_id", v.ID, "photos", len(rep.Photos))
		h.notifyReport(ctx, rep, v)
	}
	return fmt.Sprintf(msgLaporDone, html.EscapeString(rep.Number)), nil
}

func intPtr(s string) *int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return nil
	}
	return &n
}
