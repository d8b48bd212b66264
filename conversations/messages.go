package conversations

// Everything the engine itself says to users. Flows bring their own words.
const (
	msgTextOnly       = "Mohon jawab dengan mengetik teks."
	msgButtonExpired  = "Tombol ini sudah tidak berlaku."
	msgFlowExpired    = "Pengisian %s sudah berakhir karena lama tidak dijawab. Silakan mulai lagi."
	msgUseButtons     = "Silakan pilih <b>%s</b>, <b>Ubah</b>, atau <b>Batal</b> pada tombol di bawah ringkasan."
	msgConfirmPrompt  = "Apakah data sudah benar?"
	msgPickField      = "Pilih data yang ingin diubah."
	msgCancelled      = "Pengisian %s dibatalkan. Data tidak disimpan."
	msgProblemPrefix  = "⚠️ "
	msgRoleLostCoord  = "Maaf, Bapak/Ibu tidak lagi menjadi koordinator, jadi pengisian %s dihentikan dan tidak disimpan."
	msgRoleLostAdmin  = "Maaf, Bapak/Ibu tidak lagi menjadi admin, jadi pengisian %s dihentikan dan tidak disimpan."
	btnSave           = "✅ Simpan"
	btnEdit           = "✏️ Ubah"
	btnCancel         = "❌ Batal"
	btnBack           = "« Kembali"
	answerSaved       = "Tersimpan."
	answerCancelled   = "Dibatalkan."
	answerRefused     = "Tidak disimpan."
	answerPickField   = "Pilih data yang ingin diubah."
	answerFieldChosen = "Silakan jawab pertanyaannya."
)
