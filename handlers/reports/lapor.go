package reports

import (
	"context"
	"fmt"
	"html"
	"strconv"
	"time"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage/domain"
)

// The flow's name and answer keys are stored in Redis with every report in
// progress: renaming one would break the flows people are in.
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

// Lapor starts an activity report for a verified volunteer and tells
// anyone else why they cannot report yet.
func (h *Room) Lapor(ctx context.Context, r *kit.Request) error {
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
	offers, err := h.callupOffers(ctx, v.ID)
	if err != nil {
		return err
	}
	return h.Engine.Start(ctx, r.Chat, flowLapor, map[string]string{
		keyRPilar:     v.Pilar,
		keyROwnKel:    v.KelurahanCode,
		keyRSiagaOpts: offers,
	})
}

// laporFlow is the activity report as a conversation: what was done, then
// when and where, then the story and the photos.
func (h *Room) laporFlow() *conversations.Flow {
	steps := []conversations.Step{siagaStep()}
	steps = append(steps, activitySteps()...)
	steps = append(steps, h.whenWhereSteps()...)
	steps = append(steps, storySteps()...)
	return &conversations.Flow{
		Name:         flowLapor,
		Entry:        "lapor",
		Title:        flowLaporTitle,
		Confirm:      true,
		SummaryTitle: summaryLapor,
		SaveLabel:    btnKirim,
		Steps:        steps,
		Finish:       h.finishLapor,
	}
}

// activitySteps ask the activity type and the questions of its kind. The
// pilar-specific questions come right after the type and are Dependent, so
// that changing the type through "Ubah" asks the questions of the new type.
func activitySteps() []conversations.Step {
	notDisaster := func(s *conversations.Session) bool { return !activityOf(s).Disaster }
	notPMKS := func(s *conversations.Session) bool { return !activityOf(s).PMKS }
	return []conversations.Step{
		{
			Key: keyRJenis, Label: labelJenis,
			Ask: askActivity, Accept: conversations.TextAnswer(acceptActivity),
			Show: func(s *conversations.Session, v string) string {
				a, _ := domain.ActivityOf(s.Get(keyRPilar), v)
				return a.Label
			},
		},
		{
			Key: keyRBencana, Label: labelBencana, Skip: notDisaster, Dependent: true,
			Ask:    kit.Fixed(askBencana, conversations.Keyboard(2, domain.DisasterTypes...)),
			Accept: kit.Choice(domain.DisasterTypes, errBencanaChoice),
		},
		{
			Key: keyRKorban, Label: labelKorban, Skip: notDisaster, Dependent: true,
			Ask: kit.Fixed(askKorban, nil), Accept: acceptCount(0), Show: showPersonsAnswer,
		},
		{
			Key: keyRPengungsi, Label: labelPengungsi, Skip: notDisaster, Dependent: true,
			Ask: kit.Fixed(askPengungsi, nil), Accept: acceptCount(0), Show: showPersonsAnswer,
		},
		{
			Key: keyRKebutuhan, Label: labelKebutuhan, Skip: notDisaster, Dependent: true,
			Ask:    kit.Fixed(askKebutuhan, nil),
			Accept: kit.Text(func(t string) (string, error) { return parse.Text(t, 1, maxKebutuhan) }),
		},
		{
			Key: keyRPMKS, Label: labelPMKS, Skip: notPMKS, Dependent: true,
			Ask:    kit.Fixed(askPMKS, conversations.Keyboard(2, domain.PMKSCategories...)),
			Accept: kit.Choice(domain.PMKSCategories, errPMKSChoice),
		},
		{
			Key: keyRPenerima, Label: labelPenerima, Skip: notPMKS, Dependent: true,
			Ask: kit.Fixed(askPenerima, nil), Accept: acceptCount(1), Show: showPersonsAnswer,
		},
	}
}

// whenWhereSteps ask the date, the kelurahan (the volunteer's own one is a
// button) and the map pin, which must lie in the configured box.
func (h *Room) whenWhereSteps() []conversations.Step {
	pin := kit.Pin{Within: h.cfg.BBox, Skip: btnLewati, Outside: errPinOutside, Input: errPinInput}
	return []conversations.Step{
		{
			Key: keyRTanggal, Label: labelTanggal,
			Ask:    kit.Fixed(askTanggal, conversations.Keyboard(2, btnHariIni, btnKemarin)),
			Accept: kit.Text(h.acceptReportDate),
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
			Ask: askKelurahan,
			Accept: kit.Text(func(t string) (string, error) {
				k, err := parse.Kelurahan(t, "")
				return k.Code, err
			}),
			Show: func(_ *conversations.Session, v string) string { return kit.KelurahanLong(v) },
		},
		{
			Key: keyRTitik, Label: labelTitik,
			Ask:    kit.Fixed(askTitik, kit.LocationKeyboard(btnKirimLokasi, btnLewati)),
			Accept: pin.Accept,
			Show: func(_ *conversations.Session, v string) string {
				if v == "" {
					return showNoPinReport
				}
				lat, lon, _ := kit.SplitPin(v)
				return fmt.Sprintf(showPinCoords, lat, lon)
			},
		},
	}
}

// storySteps ask what was done and for up to five photos.
func storySteps() []conversations.Step {
	return []conversations.Step{
		{
			Key: keyRUraian, Label: labelUraian,
			Ask:    kit.Fixed(askUraian, nil),
			Accept: kit.Text(func(t string) (string, error) { return parse.Text(t, minUraian, maxUraian) }),
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
	}
}

// askKelurahan offers the volunteer's own kelurahan as one tap, when it is
// known.
func askKelurahan(_ context.Context, s *conversations.Session) (conversations.Prompt, error) {
	if own, ok := domain.KelurahanByCode(s.Get(keyROwnKel)); ok {
		return conversations.Prompt{Text: fmt.Sprintf(askLokasiOwn, html.EscapeString(own.Name)), Keyboard: conversations.Keyboard(1, own.Name)}, nil
	}
	return conversations.Prompt{Text: askLokasi}, nil
}

// showPersonsAnswer shows a stored count as "1.250 orang".
func showPersonsAnswer(_ *conversations.Session, v string) string {
	n, err := strconv.Atoi(v)
	if err != nil {
		return v
	}
	return fmt.Sprintf(showPersons, kit.FormatInt(n))
}
