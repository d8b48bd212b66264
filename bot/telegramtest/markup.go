package telegramtest

import (
	"encoding/json"
	"net/url"
	"unicode/utf8"
)

// Kinds of reply_markup.
const (
	markupNone   = ""
	markupInline = "inline"
	markupReply  = "reply"
	markupRemove = "remove"
	markupForce  = "force"
)

var errMarkupJSON = badRequest("can't parse reply keyboard markup JSON object")

// inlineActions are the InlineKeyboardButton fields of which a button must
// use exactly one, with their JSON types ("string", "object", "bool").
var inlineActions = map[string]string{
	"url":                              "string",
	"callback_data":                    "string",
	"web_app":                          "object",
	"login_url":                        "object",
	"switch_inline_query":              "string",
	"switch_inline_query_current_chat": "string",
	"switch_inline_query_chosen_chat":  "object",
	"copy_text":                        "object",
	"callback_game":                    "object",
	"pay":                              "bool",
}

// markupData is the decoded reply_markup, enough for the test helpers.
type markupData struct {
	InlineKeyboard [][]inlineButton   `json:"inline_keyboard"`
	Keyboard       [][]KeyboardButton `json:"keyboard"`
	RemoveKeyboard bool               `json:"remove_keyboard"`
}

type inlineButton struct {
	Text         string  `json:"text"`
	URL          *string `json:"url"`
	CallbackData *string `json:"callback_data"`
}

// KeyboardButton is a reply keyboard button.
type KeyboardButton struct {
	Text            string `json:"text"`
	RequestContact  bool   `json:"request_contact"`
	RequestLocation bool   `json:"request_location"`
}

// UnmarshalJSON accepts a button given as a bare string, as Telegram does.
func (b *KeyboardButton) UnmarshalJSON(raw []byte) error {
	var s string
	if json.Unmarshal(raw, &s) == nil {
		*b = KeyboardButton{Text: s}
		return nil
	}
	type plain KeyboardButton
	return json.Unmarshal(raw, (*plain)(b))
}

func decodeMarkup(raw json.RawMessage) (markupData, error) {
	var m markupData
	if len(raw) == 0 {
		return m, nil
	}
	err := json.Unmarshal(raw, &m)
	return m, err
}

// checkMarkup validates a reply_markup parameter and returns its kind and
// a canonical form for comparisons. An empty raw is no markup.
func checkMarkup(raw string) (kind, canonical string, e *apiError) {
	if raw == "" || raw == "null" {
		return markupNone, "", nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil {
		return "", "", errMarkupJSON
	}
	switch {
	case obj["inline_keyboard"] != nil:
		kind, e = markupInline, checkInline(obj["inline_keyboard"])
	case obj["keyboard"] != nil:
		kind, e = markupReply, checkReplyKeyboard(obj)
	case string(obj["remove_keyboard"]) == "true":
		kind = markupRemove
	case string(obj["force_reply"]) == "true":
		kind = markupForce
		e = checkPlaceholder(obj)
	default:
		return "", "", errMarkupJSON
	}
	if e != nil {
		return "", "", e
	}
	if kind == markupInline && string(obj["inline_keyboard"]) == "[]" {
		return markupNone, "", nil // an empty inline keyboard is no keyboard
	}
	var v any
	_ = json.Unmarshal([]byte(raw), &v)
	c, _ := json.Marshal(v)
	return kind, string(c), nil
}

func checkInline(raw json.RawMessage) *apiError {
	var rows [][]map[string]json.RawMessage
	if err := json.Unmarshal(raw, &rows); err != nil {
		return badRequest("field \"inline_keyboard\" must be an Array of Arrays of InlineKeyboardButton")
	}
	n := 0
	for _, row := range rows {
		for _, b := range row {
			n++
			if e := checkInlineButton(b); e != nil {
				return e
			}
		}
	}
	if n > 100 {
		return badRequest("reply markup is too long")
	}
	return nil
}

func checkInlineButton(b map[string]json.RawMessage) *apiError {
	var text string
	if err := json.Unmarshal(b["text"], &text); err != nil || b["text"] == nil {
		return badRequest("can't parse inline keyboard button: Field \"text\" must be of type String")
	}
	if text == "" {
		return badRequest("BUTTON_TEXT_INVALID")
	}
	actions := 0
	for field, typ := range inlineActions {
		v, ok := b[field]
		if !ok {
			continue
		}
		if !jsonIs(v, typ) {
			return badRequest("can't parse inline keyboard button: Field \"%s\" must be of type %s", field, jsonTypeName(typ))
		}
		actions++
	}
	switch {
	case actions == 0:
		return badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard")
	case actions > 1:
		return badRequest("can't parse inline keyboard button: exactly one of the optional fields must be used")
	}
	if v, ok := b["callback_data"]; ok {
		var data string
		_ = json.Unmarshal(v, &data)
		if len(data) < 1 || len(data) > 64 {
			return badRequest("BUTTON_DATA_INVALID")
		}
	}
	if v, ok := b["url"]; ok {
		var s string
		_ = json.Unmarshal(v, &s)
		u, err := url.Parse(s)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "tg") || (u.Scheme != "tg" && u.Host == "") {
			return badRequest("BUTTON_URL_INVALID")
		}
	}
	return nil
}

func checkReplyKeyboard(obj map[string]json.RawMessage) *apiError {
	var rows [][]json.RawMessage
	if err := json.Unmarshal(obj["keyboard"], &rows); err != nil {
		return badRequest("field \"keyboard\" must be an Array of Arrays of KeyboardButton")
	}
	for _, row := range rows {
		for _, raw := range row {
			var b map[string]json.RawMessage
			var s string
			switch {
			case json.Unmarshal(raw, &s) == nil:
				if s == "" {
					return badRequest("keyboard button text must be non-empty")
				}
				continue
			case json.Unmarshal(raw, &b) != nil:
				return badRequest("can't parse keyboard button: KeyboardButton must be a String or an Object")
			}
			var text string
			if err := json.Unmarshal(b["text"], &text); err != nil || b["text"] == nil {
				return badRequest("can't parse keyboard button: Field \"text\" must be of type String")
			}
			if text == "" {
				return badRequest("keyboard button text must be non-empty")
			}
			for _, f := range []string{"request_contact", "request_location"} {
				if v, ok := b[f]; ok && !jsonIs(v, "bool") {
					return badRequest("can't parse keyboard button: Field \"%s\" must be of type Boolean", f)
				}
			}
			if string(b["request_contact"]) == "true" && string(b["request_location"]) == "true" {
				return badRequest("can't parse keyboard button: only one of the optional fields can be used")
			}
		}
	}
	for _, f := range []string{"resize_keyboard", "one_time_keyboard", "is_persistent", "selective"} {
		if v, ok := obj[f]; ok && !jsonIs(v, "bool") {
			return errMarkupJSON
		}
	}
	return checkPlaceholder(obj)
}

func checkPlaceholder(obj map[string]json.RawMessage) *apiError {
	v, ok := obj["input_field_placeholder"]
	if !ok {
		return nil
	}
	var s string
	if err := json.Unmarshal(v, &s); err != nil {
		return errMarkupJSON
	}
	if n := utf8.RuneCountInString(s); n > 64 {
		return badRequest("input field placeholder is too long: %d characters, at most 64 allowed", n)
	}
	return nil
}

// jsonIs reports whether raw is a JSON value of the given kind.
func jsonIs(raw json.RawMessage, kind string) bool {
	var v any
	if json.Unmarshal(raw, &v) != nil {
		return false
	}
	switch kind {
	case "string":
		_, ok := v.(string)
		return ok
	case "bool":
		_, ok := v.(bool)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	}
	return false
}

func jsonTypeName(kind string) string {
	switch kind {
	case "string":
		return "String"
	case "bool":
		return "Boolean"
	}
	return "Object"
}
