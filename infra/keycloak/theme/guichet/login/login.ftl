<#import "template.ftl" as layout>
<#import "fields.ftl" as fields>
<#assign failed = messagesPerField.existsError('username','password')>
<@layout.registrationLayout displayMessage=!failed displayInfo=realm.password; section>
    <#if section = "header">
        Se connecter au guichet
    <#elseif section = "form">
        <#if realm.password>
            <form id="kc-form-login" onsubmit="login.disabled = true; return true;" action="${url.loginAction}" method="post" novalidate>
                <fieldset class="fr-fieldset" aria-labelledby="kc-form-login-legend">
                    <legend class="fr-fieldset__legend" id="kc-form-login-legend">
                        <h2 class="fr-h5 fr-mb-0">Avec votre adresse électronique</h2>
                    </legend>
                    <#if failed>
                        <div class="fr-fieldset__element">
                            <div class="fr-alert fr-alert--error fr-alert--sm" role="alert">
                                <p>${kcSanitize(messagesPerField.getFirstError('username','password'))?no_esc}</p>
                            </div>
                        </div>
                    </#if>
                    <#if !usernameHidden??>
                        <div class="fr-fieldset__element">
                            <@fields.input name="username" label="Adresse électronique ou identifiant" hint="Format attendu : nom@domaine.fr"
                                value=(login.username!'') autocomplete="username" autofocus=true/>
                        </div>
                    </#if>
                    <div class="fr-fieldset__element">
                        <@fields.password name="password" label="Mot de passe" autocomplete="current-password" autofocus=usernameHidden??>
                            <#if realm.resetPasswordAllowed>
                                <p><a href="${url.loginResetCredentialsUrl}" class="fr-link" id="mot-de-passe-oublie">Mot de passe oublié ?</a></p>
                            </#if>
                        </@fields.password>
                    </div>
                </fieldset>
                <input type="hidden" id="id-hidden-input" name="credentialId" <#if auth.selectedCredential?has_content>value="${auth.selectedCredential}"</#if>/>
                <ul class="fr-btns-group">
                    <li><button class="fr-btn" name="login" id="kc-login" type="submit">Se connecter</button></li>
                </ul>
            </form>
        </#if>
    <#elseif section = "info">
        <hr class="guichet-separateur">
        <#if realm.registrationAllowed && !registrationDisabled?? && (client.clientId!'') == 'portal'>
            <h2 class="fr-h5">Vous n’avez pas de compte ?</h2>
            <p>Étudiant, interne, docteur junior ou médecin : créez votre compte avec votre adresse électronique pour déposer votre demande.</p>
            <ul class="fr-btns-group">
                <li><a class="fr-btn fr-btn--secondary" id="creer-un-compte" href="${url.registrationUrl}">Créer un compte</a></li>
            </ul>
        <#else>
            <h2 class="fr-h5">Vous n’avez pas de compte ?</h2>
            <p>Les comptes des agents de l’ARS et de l’Assurance Maladie, des collectivités et des publieurs d’offres sont ouverts par l’administrateur du guichet de votre région.</p>
        </#if>
    </#if>
</@layout.registrationLayout>
