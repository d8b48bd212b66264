package data

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"html"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	tgbotapi "github.com/go-telegram-bot-api/telegram-bot-api/v5"

	"pilarbot/conversations"
	"pilarbot/handlers/kit"
	"pilarbot/handlers/parse"
	"pilarbot/storage"
	"pilarbot/storage/domain"
)

// exportRequest is what an export is built for.
type exportRequest struct {
	Admin bool          // admins get NIK and phone in full, coordinators masked
	Scope storage.Scope // the requester's area: only its rows are written
	Value string        // the option chosen (a month "2023-12", an event id), "" for none
	Now   time.Time
}

// exportChoice is an option offered as a button after the kind.
type exportChoice struct{ label, value string }

// exportKind is one kind of data /ekspor can send as an .xlsx file.
type exportKind struct {
	name  string // in callback data and typed: "/ekspor relawan"
	label string // button and caption
	file  string // file name without date and extension
	// choices lists the options offered after the kind is picked (months
	// for reports, events for attendance, those of the requester's scope);
	// nil means none.
	choices func(ctx context.Context, scope storage.Scope) ([]exportChoice, error)
	// parseArg turns what is typed after the kind ("Desember 2023") into
	// a value; a *conversations.Invalid is shown to the user. nil ignores it.
	parseArg func(text string) (string, error)
	// noIDs marks a file without NIK or phone: no note about masking.
	noIDs bool
	// write streams the workbook to out and returns the number of rows.
	write func(ctx context.Context, req exportRequest, out io.Writer) (int, error)
}

// exportKinds is the table of exports, in button order. Reports for a
// month are {name: "laporan", choices: h.periodChoices, parseArg:
// h.periodArg, write: ...} and attendance per event {name: "kehadiran",
// choices: <recent events>, write: ...}; both reuse sheetWriter.
func (h *Room) exportKinds() []exportKind {
	return []exportKind{
		{name: "relawan", label: eksporVolLabel, file: eksporVolFile,
			write: func(ctx context.Context, req exportRequest, out io.Writer) (int, error) {
				return writeVolunteersXLSX(ctx, h.Store, req, out)
			}},
		{name: "laporan", label: eksporRepLabel, file: eksporRepFile, noIDs: true,
			choices: h.periodChoices, parseArg: h.periodArg,
			write: func(ctx context.Context, req exportRequest, out io.Writer) (int, error) {
				return writeReportsXLSX(ctx, h.Store, req, out)
			}},
		{name: "kehadiran", label: eksporAttLabel, file: eksporAttFile, noIDs: true,
			choices: h.eventChoices,
			write: func(ctx context.Context, req exportRequest, out io.Writer) (int, error) {
				return writeAttendanceXLSX(ctx, h.Store, req, out)
			}},
		{name: "aktivitas", label: eksporActLabel, file: eksporActFile, noIDs: true,
			choices: h.yearChoices, parseArg: h.yearArg,
			write: func(ctx context.Context, req exportRequest, out io.Writer) (int, error) {
				return writeActivityXLSX(ctx, h.Store, req, out)
			}},
	}
}

// exportKind finds a kind by its name or, typed, by its label.
func (h *Room) exportKind(name string) (exportKind, bool) {
	for _, k := range h.exportKinds() {
		if k.name == name || kit.NormalizeChoice(k.label) == kit.NormalizeChoice(name) {
			return k, true
		}
	}
	return exportKind{}, false
}

// Ekspor offers the kinds as buttons; "/ekspor relawan" (and e.g.
// "/ekspor laporan Desember 2023") goes straight to the file.
func (h *Room) Ekspor(ctx context.Context, r *kit.Request) error {
	if r.Args == "" {
		var rows [][]tgbotapi.InlineKeyboardButton
		for _, k := range h.exportKinds() {
			rows = append(rows, tgbotapi.NewInlineKeyboardRow(kit.Button(k.label, ExportPrefix, k.name)))
		}
		return h.SendHTML(ctx, r.Chat.ChatID, msgEksporAsk, tgbotapi.NewInlineKeyboardMarkup(rows...))
	}
	name, rest, _ := strings.Cut(r.Args, " ")
	k, ok := h.exportKind(strings.ToLower(name))
	if !ok {
		return h.Reply(ctx, r, msgEksporUnknown)
	}
	value := ""
	if rest = strings.TrimSpace(rest); rest != "" && k.parseArg != nil {
		v, err := k.parseArg(rest)
		if msg, ok := conversations.AsInvalid(err); ok {
			return h.replyInvalid(ctx, r, msg)
		}
		if err != nil {
			return err
		}
		value = v
	}
	if value == "" && k.choices != nil {
		return h.sendExportChoices(ctx, r, k)
	}
	return h.sendExport(ctx, r, k, value)
}

// ExportButton handles "ex:<kind>" and "ex:<kind>:<value>".
func (h *Room) ExportButton(ctx context.Context, r *kit.Request) (string, error) {
	if r.Data.Len() < 1 || r.Data.Len() > 2 {
		return kit.MsgButtonExpired, nil
	}
	k, ok := h.exportKind(r.Data.Field(0))
	if !ok {
		return kit.MsgButtonExpired, nil
	}
	if r.Data.Len() == 1 && k.choices != nil {
		return "", h.sendExportChoices(ctx, r, k)
	}
	h.RemoveButtons(ctx, r.Callback)
	return answerEkspor, h.sendExport(ctx, r, k, r.Data.Field(1))
}

// sendExportChoices offers the options of a kind, one button a row; a
// press of the kind's button turns that menu into this one.
func (h *Room) sendExportChoices(ctx context.Context, r *kit.Request, k exportKind) error {
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	choices, err := k.choices(ctx, scope)
	if err != nil {
		return err
	}
	if len(choices) == 0 {
		return h.ReplaceWith(ctx, r, fmt.Sprintf(msgEksporNone, html.EscapeString(k.label)), nil)
	}
	var rows [][]tgbotapi.InlineKeyboardButton
	for _, c := range choices {
		rows = append(rows, tgbotapi.NewInlineKeyboardRow(kit.Button(c.label, ExportPrefix, k.name, c.value)))
	}
	kb := tgbotapi.NewInlineKeyboardMarkup(rows...)
	return h.ReplaceWith(ctx, r, fmt.Sprintf(msgEksporChoose, html.EscapeString(k.label)), &kb)
}

// sendExport builds the file of the requester's scope and sends it with
// sendDocument; the caption names the scope when it is not the whole city.
// https://core.telegram.org/bots/api#senddocument
func (h *Room) sendExport(ctx context.Context, r *kit.Request, k exportKind, value string) error {
	role, err := h.RoleOf(ctx, r)
	if err != nil {
		return err
	}
	scope, err := h.ScopeOf(ctx, r)
	if err != nil {
		return err
	}
	now := h.Now()
	req := exportRequest{Admin: role == domain.RoleAdmin, Scope: scope, Value: value, Now: now}
	name := k.file
	if value != "" {
		name += "-" + value
	}
	name += "-" + now.In(domain.WIB).Format("20060102-1504") + ".xlsx"
	// The workbook goes to a file, not to memory: an export of 100,000
	// reports is 10 MB, and the upload (a path, so a retry can read it
	// again) streams it from there.
	dir, err := os.MkdirTemp("", "pilarbot-export-")
	if err != nil {
		return fmt.Errorf("data: export %s: %w", k.name, err)
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, name)
	n, err := writeFile(path, func(out io.Writer) (int, error) { return k.write(ctx, req, out) })
	if errors.Is(err, storage.ErrNotFound) {
		return h.SendHTML(ctx, r.Chat.ChatID, msgEksporGone, nil)
	}
	if err != nil {
		return fmt.Errorf("data: export %s: %w", k.name, err)
	}
	doc := tgbotapi.NewDocument(r.Chat.ChatID, tgbotapi.FilePath(path))
	masked := ""
	if !req.Admin && !k.noIDs {
		masked = msgEksporMasked
	}
	doc.Caption = fmt.Sprintf(msgEksporCaption, html.EscapeString(k.label), kit.FormatInt(n), kit.FormatDateTime(now), scopeLine(scope)+masked)
	doc.ParseMode = tgbotapi.ModeHTML
	_, err = h.Send.Send(ctx, doc)
	return err
}

// writeFile creates path and has write fill it through a buffer.
func writeFile(path string, write func(out io.Writer) (int, error)) (int, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 64<<10)
	n, err := write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// periodChoices offers this month and the five before it, for exports of
// a month (reports), whatever the scope.
func (h *Room) periodChoices(context.Context, storage.Scope) ([]exportChoice, error) {
	p := parse.MonthPeriod(h.Now())
	var out []exportChoice
	for range 6 {
		out = append(out, exportChoice{label: p.Label(), value: p.Key()})
		p = parse.MonthPeriod(p.Start.AddDate(0, -1, 0))
	}
	return out, nil
}

// periodArg reads a typed month as the value of a month export.
func (h *Room) periodArg(text string) (string, error) {
	p, err := parse.PeriodOf(text, h.Now())
	if err != nil {
		return "", err
	}
	return p.Key(), nil
}

// volunteerExportColumns are the columns of the volunteers export.
var volunteerExportColumns = []column{
	{header: colNo, typ: colNumber, width: 6},
	{header: colNama, width: 28},
	{header: colPilar, width: 18},
	{header: colKelurahanCode, width: 16},
	{header: colKelurahan, width: 16},
	{header: colKecamatan, width: 14},
	{header: colHP, width: 17},
	{header: colNIK, width: 19},
	{header: colUsia, typ: colNumber, width: 8},
	{header: colStatus, width: 20},
	{header: colTerdaftar, typ: colDateTime, width: 17},
	{header: colDiverifikasi, typ: colDate, width: 12},
	{header: colTelegram, width: 18},
}

// writeVolunteersXLSX streams every volunteer inside req.Scope (not
// erased) into an .xlsx workbook. NIK and phone are masked unless
// req.Admin.
func writeVolunteersXLSX(ctx context.Context, store *storage.Store, req exportRequest, out io.Writer) (int, error) {
	w, err := newSheetWriter(eksporVolSheet, volunteerExportColumns)
	if err != nil {
		return 0, err
	}
	defer w.Close()
	n := 0
	err = store.EachVolunteer(ctx, req.Scope, func(v *storage.Volunteer) error {
		n++
		kel, _ := domain.KelurahanByCode(v.KelurahanCode)
		kec, _ := domain.KecamatanByCode(kel.KecamatanCode)
		phone, nik := kit.MaskPhone(v.Phone), kit.MaskNIK(v.NIK)
		if req.Admin {
			phone, nik = v.Phone, v.NIK
		}
		if v.Phone == "" {
			phone = ""
		}
		if v.NIK == "" {
			nik = ""
		}
		var age any
		if parsed, err := parse.NIK(v.NIK, req.Now); err == nil {
			age = parsed.AgeAt(req.Now)
		}
		var decided time.Time
		if v.DecidedAt != nil {
			decided = *v.DecidedAt
		}
		username := ""
		if v.Username != "" {
			username = "@" + v.Username
		}
		return w.Row(n, v.FullName, kit.PilarShort(v.Pilar), v.KelurahanCode, kel.Name, kec.Name,
			phone, nik, age, kit.StatusLabel(v.Status), v.CreatedAt, decided, username)
	})
	if err != nil {
		return 0, err
	}
	if _, err := w.WriteTo(out); err != nil {
		return 0, err
	}
	return n, nil
}
